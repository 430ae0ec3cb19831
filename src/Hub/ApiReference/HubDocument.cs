using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace IntegrationHub.Hub.ApiReference;

/// <summary>
/// What the document says once for every call: who the hub is, the credentials of API.md v2 (a key as
/// bearer token or X-Api-Key header, and mutual TLS), and the problem+json shape every refusal uses.
/// </summary>
sealed class HubDocument : IOpenApiDocumentTransformer
{
    public const string BearerKey = "bearerKey";
    public const string ApiKey = "apiKey";
    public const string MutualTls = "mutualTLS";
    public const string Problem = "Problem";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "IntegrationHub",
            Version = "2",
            Description = """
                The hub that connects Dutch youth-care agencies: handovers (overdracht), feedback (terugkoppeling),
                mail per agency, and the operator and audit calls. Public contract: API.md version 2; the handover and
                feedback bodies are defined by the JSON schemas under /schemas (referenced here, not copied).
                Every call except GET /health names its caller. How to connect, per way in and per format: docs/connect.md.
                """,
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The caller's key: `Authorization: Bearer <key>`. Demo keys on the embedded default: `<agency-id>-demo-key`, `operator-demo-key`, `auditor-demo-key`.",
        };
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = Access.HubCredentialHandler.ApiKeyHeader,
            Description = "The same key in the X-Api-Key header instead.",
        };
        document.Components.SecuritySchemes[MutualTls] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.MutualTLS,
            Description = "Where the hub enables it: a client certificate the agency directory maps to one agency. With a key too, both must name the same agency.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[Problem] = ProblemSchema();
        return Task.CompletedTask;
    }

    /// <summary>RFC 9457 problem details with the hub's <c>errors</c>: every problem by path and reason, never the value.</summary>
    static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "application/problem+json (RFC 9457). `errors` lists every problem by JSON path (or the agency format's own path) with a reason; values are never echoed.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "path", "reason" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["path"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["reason"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    },
                },
            },
        },
        Required = new HashSet<string> { "title", "status" },
    };
}
