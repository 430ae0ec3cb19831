using Microsoft.AspNetCore.Diagnostics;

namespace IntegrationHub.Hub.Http;

/// <summary>
/// The answer when a call fails inside the hub: application/problem+json, never an empty 500. A database that
/// cannot be reached or written is 503 with Retry-After (nothing was accepted; the caller may send again);
/// anything else is 500 with a trace id to quote to operators. Neither says more than that: exception
/// texts name hosts, files and sometimes values.
/// </summary>
public sealed class HubExceptionHandler(ILogger<HubExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>How long a caller should wait before trying again when the database is unavailable.</summary>
    public const int RetryAfterSeconds = 10;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (http.Response.HasStarted)
            return false;
        var unavailable = Unavailable.IsDatabase(exception);
        if (unavailable)
            logger.LogWarning("{Method} {Path} answered 503: the database is unavailable ({Exception})", http.Request.Method, http.Request.Path, exception.GetType().Name);
        else
            logger.LogError(exception, "{Method} {Path} failed", http.Request.Method, http.Request.Path);

        var problem = unavailable
            ? Results.Problem(title: "The hub's database is unavailable", statusCode: StatusCodes.Status503ServiceUnavailable,
                detail: $"nothing was accepted or changed; send the same request again in {RetryAfterSeconds} seconds",
                type: "https://integrationhub.example/problems/database-unavailable",
                extensions: new Dictionary<string, object?> { ["traceId"] = http.TraceIdentifier })
            : Results.Problem(title: "The hub failed to handle this call", statusCode: StatusCodes.Status500InternalServerError,
                detail: "the failure is logged; quote the traceId to the hub's operators",
                type: "https://integrationhub.example/problems/internal-error",
                extensions: new Dictionary<string, object?> { ["traceId"] = http.TraceIdentifier });
        http.Response.Clear();
        if (unavailable)
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await problem.ExecuteAsync(http).ConfigureAwait(false);
        return true;
    }
}
