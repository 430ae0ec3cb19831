using Microsoft.Extensions.Primitives;

namespace IntegrationHub.Hub.Access;

/// <summary>
/// Lets a call through only with a key of the required role, given as <c>Authorization: Bearer &lt;key&gt;</c>
/// or <c>X-Api-Key</c>. No key or an unknown key: 401. A known key of another role or an agency's key: 403.
/// </summary>
public sealed class RequireRoleFilter(HubRole role) : IEndpointFilter
{
    public const string ApiKeyHeader = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var presented = PresentedKey(http.Request);
        if (presented is null)
            return Unauthorized(http, "No API key", $"this call needs an {Name(role)} key as 'Authorization: Bearer <key>' or '{ApiKeyHeader}: <key>'");

        var holder = new AccessKeys(http.RequestServices.GetRequiredService<IConfiguration>()).Identify(presented);
        if (!holder.IsKnown)
            return Unauthorized(http, "Unknown API key", "the key given is not configured under Hub:Access");
        if (!holder.Holds(role))
            return Results.Problem(
                title: "Not allowed",
                detail: holder.Agency is { } agency
                    ? $"the key belongs to agency system '{agency}'; this call needs an {Name(role)} key"
                    : $"this call needs an {Name(role)} key",
                statusCode: StatusCodes.Status403Forbidden);
        return await next(context).ConfigureAwait(false);
    }

    internal static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.Authorization is { Count: > 0 } authorization)
        {
            var value = authorization.ToString();
            if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && value[7..].Trim() is { Length: > 0 } bearer)
                return bearer;
        }
        return request.Headers.TryGetValue(ApiKeyHeader, out StringValues key) && key.ToString().Trim() is { Length: > 0 } apiKey ? apiKey : null;
    }

    static IResult Unauthorized(HttpContext http, string title, string detail)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(title: title, detail: detail, statusCode: StatusCodes.Status401Unauthorized);
    }

    static string Name(HubRole role) => role == HubRole.Operator ? "operator" : "auditor";
}
