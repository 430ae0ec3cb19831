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
        using (var left = budget.Peek(caller))
        {
            if (!left.IsAcquired)
            {
                await TooManyAsync(http, left).ConfigureAwait(false);
                return;
            }
        }
        await next(http).ConfigureAwait(false);
        if (Refusals.Contains(http.Response.StatusCode))
            budget.Spend(caller);
    }

    static string PartitionKey(HttpContext http) =>
        http.User.FindFirst(HubClaims.Role)?.Value is { } role
            ? $"{role}:{http.User.FindFirst(HubClaims.Actor)?.Value}"
            : $"anonymous:{http.Connection.RemoteIpAddress ?? IPAddress.None}";

    async Task TooManyAsync(HttpContext http, RateLimitLease lease)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
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

    public RefusalBudget(Hosting.HubOptions options)
    {
        var limit = options.RefusalLimit;
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

    /// <summary>Zero permits: "is anything left?", without taking any. A failed lease carries Retry-After.</summary>
    public RateLimitLease Peek(string caller) => _buckets.AttemptAcquire(caller, 0);

    /// <summary>One refusal taken from the caller's bucket (nothing happens when it is already empty).</summary>
    public void Spend(string caller) => _buckets.AttemptAcquire(caller, 1).Dispose();

    public void Dispose() => _buckets.Dispose();
}
