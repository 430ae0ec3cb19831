using IntegrationHub.Hub.Access;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace IntegrationHub.Hub.ApiReference;

/// <summary>
/// The hub's API description for integrators: an OpenAPI 3.1 document generated from the endpoints
/// (<see cref="DocumentPath"/>), the contract's JSON schemas it refers to (<c>/schemas/{file}</c>), and an
/// interactive reference (Scalar) at <see cref="ReferencePath"/>.
/// </summary>
/// <remarks>
/// Anonymous by default (<c>Hub:OpenApi:Public</c>): the document describes the contract that is published to
/// every agency anyway (API.md), holds no data and no key, and an agency's supplier must be able to read it
/// before it has a key. A hub that wants it closed sets <c>Hub:OpenApi:Public=false</c>; then any known
/// credential reads it.
/// </remarks>
public static class ApiReferenceEndpoints
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/reference";
    public const string SchemasPath = "/schemas";

    public static IServiceCollection AddHubOpenApi(this IServiceCollection services) =>
        services.AddHttpContextAccessor().AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddDocumentTransformer<HubDocument>();
            options.AddOperationTransformer<CallerAndProblems>();
            options.AddOperationTransformer<ContractBodies>();
        });

    public static IEndpointRouteBuilder MapApiReference(this WebApplication app)
    {
        var isPublic = app.Configuration.GetValue("Hub:OpenApi:Public", true);
        var document = app.MapOpenApi("/openapi/{documentName}.json");
        var reference = app.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("IntegrationHub API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddPreferredSecuritySchemes(HubDocument.BearerKey)
            .AddHttpAuthentication(HubDocument.BearerKey, auth => auth.Token = "")
            .WithDefaultHttpClient(ScalarTarget.Shell, ScalarClient.Curl));
        var schemas = app.MapGet(SchemasPath + "/{file}", ContractSchemaFiles.Serve).ExcludeFromDescription();
        foreach (var endpoint in new IEndpointConventionBuilder[] { document, reference, schemas })
        {
            if (isPublic)
                endpoint.AllowAnonymous();
            else
                endpoint.RequireAuthorization(AccessPolicies.Reader);
        }
        return app;
    }
}
