using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace IntegrationHub.Hub.ApiReference;

/// <summary>
/// The body a call takes, where the contract defines it: a reference to the published JSON schema
/// (<c>/schemas/handover.schema.json</c>, <c>/schemas/feedback.schema.json</c>), never a copy, so the
/// document cannot drift from what intake validates.
/// </summary>
public sealed record ContractBody(string SchemaFile, string Description);

/// <summary>A body in an agency's own format (docs/adapters): its content types, described without routing enforcing them.</summary>
public sealed record FormatBody(IReadOnlyList<string> ContentTypes, string Description);

public static class ContractBodyExtensions
{
    public static RouteHandlerBuilder WithContractBody(this RouteHandlerBuilder builder, string schemaFile, string description) =>
        builder.WithMetadata(new ContractBody(schemaFile, description));

    public static RouteHandlerBuilder WithFormatBody(this RouteHandlerBuilder builder, string description, params string[] contentTypes) =>
        builder.WithMetadata(new FormatBody(contentTypes, description));
}

/// <remarks>
/// The reference is absolute, on the host the document was asked from: OpenAPI.NET writes an absolute URL as
/// it is, while a relative one would come out as a reference into another document's components.
/// </remarks>
sealed class ContractBodies(IHttpContextAccessor http) : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<FormatBody>().FirstOrDefault() is { } format)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = format.Description,
                Content = format.ContentTypes.ToDictionary(t => t, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } }),
            };
            return Task.CompletedTask;
        }
        if (metadata.OfType<ContractBody>().FirstOrDefault() is not { } body)
            return Task.CompletedTask;
        var request = http.HttpContext?.Request;
        var origin = request is null ? "http://localhost" : $"{request.Scheme}://{request.Host}{request.PathBase}";
        var schema = new OpenApiSchemaReference($"{origin}{ApiReferenceEndpoints.SchemasPath}/{body.SchemaFile}", null);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = body.Description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new OpenApiMediaType { Schema = schema },
            },
        };
        return Task.CompletedTask;
    }
}
