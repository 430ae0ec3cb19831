using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using IntegrationHub.Hub.Access;

namespace IntegrationHub.Hub.Http;

/// <summary>
/// Rate-limits refused input per caller, so nobody can flood the rejects store or the operators' lists
/// (issue 10: forty anonymous 4 MB posts made one dashboard page 391 MB). Built on ASP.NET Core's rate
/// limiting primitives: a <see cref="PartitionedRateLimiter{TResource}"/> with a token bucket per caller,
/// the authenticated caller (role and actor) or, before authentication, the remote address.
/// <para>
/// Not the RateLimiter middleware: it takes a permit before the call runs, so it can only count calls,
/// and counting calls would throttle a busy honest agency. Here a call only looks at its caller's bucket
/// first (an empty bucket: 429 problem+json with Retry-After); a permit is taken after the call, and only
/// when the answer was a refusal (400, 401, 403, 413, 415, 422). Accepted traffic, 404 and 409 never count.
/// </para>
/// </summary>
public sealed class RefusalLimit(RequestDelegate next, RefusalBudget budget, ILogger<RefusalLimit> logger)
{
    static readonly int[] Refusals = [400, 401, 403, 413, 415, 422];

    public async Task InvokeAsync(HttpContext http)
    {
        var caller = PartitionKey(http);
        if (budget.IsSpent(caller, out var retryAfter))
        {
            await TooManyAsync(http, retryAfter).ConfigureAwait(false);
            return;
        }
        await next(http).ConfigureAwait(false);
        if (Refusals.Contains(http.Response.StatusCode))
            budget.Spend(caller);
    }

    static string PartitionKey(HttpContext http) =>
        http.User.FindFirst(HubClaims.Role)?.Value is { } role
            ? $"{role}:{http.User.FindFirst(HubClaims.Actor)?.Value}"
            : $"anonymous:{http.Connection.RemoteIpAddress ?? IPAddress.None}";

    async Task TooManyAsync(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        logger.LogWarning("{Method} {Path} answered 429: the caller sent too much refused input", http.Request.Method, http.Request.Path);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(title: "Too much refused input", statusCode: StatusCodes.Status429TooManyRequests,
            detail: $"this caller sent more refused messages than the hub accepts in a period; fix what the earlier answers named and send again in {seconds} seconds",
            type: "https://integrationhub.example/problems/too-many-refusals").ExecuteAsync(http).ConfigureAwait(false);
    }
}

/// <summary>The token buckets of <see cref="RefusalLimit"/>, one per caller; a singleton, so its timer stops with the hub.</summary>
public sealed class RefusalBudget : IDisposable
{
    readonly PartitionedRateLimiter<string> _buckets;

    /// <summary>How long the bucket takes to refill one refusal: what a caller over its limit is told to wait.</summary>
    readonly TimeSpan _oneToken;

    public RefusalBudget(Hosting.HubOptions options)
    {
        var limit = options.RefusalLimit;
        _oneToken = limit.Period / Math.Max(1, limit.PerPeriod);
        _buckets = PartitionedRateLimiter.Create<string, string>(caller => limit.Enabled
            ? RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, limit.Burst),
                TokensPerPeriod = Math.Max(1, limit.PerPeriod),
                ReplenishmentPeriod = limit.Period,
                AutoReplenishment = true,
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter(caller));
    }

    /// <summary>
    /// True when the caller has not one whole refusal left. Not a zero-permit acquire: the bucket refills
    /// continuously, and a fraction of a token answers "available" to that but can never be taken.
    /// </summary>
    public bool IsSpent(string caller, out TimeSpan retryAfter)
    {
        retryAfter = _oneToken;
        return _buckets.GetStatistics(caller) is { CurrentAvailablePermits: < 1 };
    }

    /// <summary>One refusal taken from the caller's bucket (nothing happens when it is already empty).</summary>
    public void Spend(string caller) => _buckets.AttemptAcquire(caller, 1).Dispose();

    public void Dispose() => _buckets.Dispose();
}
