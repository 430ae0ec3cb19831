using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace IntegrationHub.Hub.ApiReference;

/// <summary>
/// For every operation, from its endpoint's metadata (so a route added later is described without a list to
/// keep): who may call it (security requirements and a line of text), the refusals every protected call can
/// give (401, 403, 429, 503, and 415 where only JSON is taken), every 4xx/5xx as problem+json, and an
/// operation id where the route has no name.
/// </summary>
sealed class CallerAndProblems : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var method = context.Description.HttpMethod ?? "GET";
        var route = "/" + (context.Description.RelativePath ?? "").Trim('/');
        operation.OperationId ??= OperationId(method, route);
        operation.Responses ??= new OpenApiResponses();

        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        if (!anonymous)
        {
            var policy = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p is not null);
            operation.Security = Requirements(policy, context.Document).ToList();
            var who = $"Who may call: {AccessPolicies.Describe(policy)}.";
            operation.Description = string.IsNullOrEmpty(operation.Description) ? who : $"{operation.Description}\n\n{who}";
            Add(operation, 401, "No credential, or one the hub does not know.");
            Add(operation, 403, "A known credential that may not make this call (where reading would reveal that a thing exists, 404 instead).");
            Add(operation, 429, "Too many refused calls from this caller (Hub:RefusalLimit); Retry-After says when to try again.");
            Add(operation, 503, method is "GET" or "HEAD"
                ? "The database is unavailable. Retry-After says when to try again."
                : "The database is unavailable, or (an agency's write) the hub is taking on as many writes as it can (Hub:Admission); nothing was accepted. Retry-After says when to send it again, with the same idempotency key.");
        }
        if (metadata.OfType<JsonBodyOnly.Metadata>().Any())
            Add(operation, 415, "The body is not application/json (or application/*+json).");

        foreach (var (status, response) in operation.Responses)
        {
            if (!int.TryParse(status, out var code) || code < 400 || response is not OpenApiResponse concrete)
                continue;
            // A declared non-problem body (GET /health's 503 names what is down) stays as declared.
            if (concrete.Content is { Count: > 0 } content && !content.ContainsKey("application/problem+json"))
                continue;
            concrete.Content = ProblemContent(context.Document);
            if (string.IsNullOrEmpty(concrete.Description) || concrete.Description == DefaultDescription(code))
                concrete.Description = DefaultDescription(code);
        }
        return Task.CompletedTask;
    }

    /// <summary>Any one of these names the caller: a key (bearer or header), or a client certificate for an agency.</summary>
    static IEnumerable<OpenApiSecurityRequirement> Requirements(string? policy, OpenApiDocument? document)
    {
        yield return Requirement(HubDocument.BearerKey, document);
        yield return Requirement(HubDocument.ApiKey, document);
        if (policy is AccessPolicies.Agency or AccessPolicies.Reader or AccessPolicies.AgencyOrOperator)
            yield return Requirement(HubDocument.MutualTls, document);
    }

    static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    static void Add(OpenApiOperation operation, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.Responses!.ContainsKey(key))
            operation.Responses[key] = new OpenApiResponse { Description = description };
    }

    static Dictionary<string, OpenApiMediaType> ProblemContent(OpenApiDocument? document) => new()
    {
        ["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(HubDocument.Problem, document) },
    };

    static string DefaultDescription(int status) => status switch
    {
        400 => "The input is not valid: `errors` names every problem by path, never the value.",
        404 => "Unknown, or not visible to this caller.",
        409 => "Does not fit the current state, or a messageId reused for other content.",
        413 => "The body is too large.",
        415 => "The body is not of a content type this call takes.",
        422 => "The message is readable but not valid: `errors` names every problem by path.",
        _ => "A problem (application/problem+json).",
    };

    /// <summary>"POST /api/handovers/{id}/feedback" becomes "postApiHandoversIdFeedback": stable as long as the route is.</summary>
    internal static string OperationId(string method, string route)
    {
        var words = route.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Trim('{', '}').Split(':')[0].TrimEnd('?'))
            .SelectMany(s => s.Split('-', '.', '_'))
            .Where(s => s.Length > 0)
            .Select(s => char.ToUpperInvariant(s[0]) + s[1..]);
        return method.ToLowerInvariant() + string.Concat(words);
    }
}
