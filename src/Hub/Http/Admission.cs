using System.Diagnostics;
using System.Globalization;
using System.Threading.RateLimiting;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Telemetry;

namespace IntegrationHub.Hub.Http;

/// <summary>
/// Admission (toelating) of agency writes: at most <see cref="AdmissionOptions.InProgress"/> at once, a bounded line
/// behind them, and a clear 503 with Retry-After for the rest, so an overloaded hub answers quickly that it is busy
/// instead of answering everyone late. Only agencies' writes (POST, PUT, PATCH, DELETE) queue: operators, auditors,
/// monitors and every read (an agency fetching its mail drains the hub) pass, so the people watching an overload can
/// still see it. A refused call stored nothing; sent again with the same idempotency key it is one handover.
/// Runs after authorization: a stranger's call never takes a place.
/// </summary>
public sealed class Admission(RequestDelegate next, AdmissionGate gate, ILogger<Admission> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!gate.Enabled || !IsAgencyWrite(http))
        {
            await next(http).ConfigureAwait(false);
            return;
        }
        using var place = await gate.EnterAsync(http.RequestAborted).ConfigureAwait(false);
        if (!place.IsAcquired)
        {
            await BusyAsync(http).ConfigureAwait(false);
            return;
        }
        await next(http).ConfigureAwait(false);
    }

    static bool IsAgencyWrite(HttpContext http) =>
        !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method)
        && http.User.FindFirst(HubClaims.Role)?.Value == HubRoles.Agency;

    async Task BusyAsync(HttpContext http)
    {
        var agency = http.User.FindFirst(HubClaims.Agency)?.Value ?? "unknown";
        HubMetrics.Busy(agency);
        if (gate.ShouldLog(out var since))
            logger.LogWarning("Agency writes answered 503: the hub is at its admission limit ({Refused} call(s) since the last line)", since);
        var seconds = gate.RetryAfterSeconds;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(title: "The hub is busy", statusCode: StatusCodes.Status503ServiceUnavailable,
            detail: $"the hub is taking on as many agency messages as it can; nothing of this call was stored. Send it again in {seconds} seconds, with the same idempotency key",
            type: "https://integrationhub.example/problems/busy").ExecuteAsync(http).ConfigureAwait(false);
    }
}

/// <summary>The places and the line of <see cref="Admission"/>; a singleton.</summary>
public sealed class AdmissionGate : IDisposable
{
    readonly ConcurrencyLimiter? _limiter;
    readonly TimeSpan _mostWait;
    readonly int _permits;
    long _refusedSinceLog;
    long _lastLog = long.MinValue;

    public AdmissionGate(Hosting.HubOptions options)
    {
        var admission = options.Admission;
        Enabled = admission.Enabled;
        _mostWait = admission.MostWait;
        RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(admission.RetryAfter.TotalSeconds));
        _permits = Math.Max(1, admission.InProgress);
        if (Enabled)
            _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = _permits,
                QueueLimit = Math.Max(0, admission.Waiting),
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
    }

    public bool Enabled { get; }

    public int RetryAfterSeconds { get; }

    /// <summary>Agency writes in progress now, and waiting for a place.</summary>
    public (long InProgress, long Waiting) Now =>
        _limiter?.GetStatistics() is { } s ? (_permits - s.CurrentAvailablePermits, s.CurrentQueuedCount) : (0, 0);

    /// <summary>A place, or a lease that is not acquired when the line is full or the wait for a place ran out.</summary>
    public async ValueTask<RateLimitLease> EnterAsync(CancellationToken aborted)
    {
        if (_limiter is null)
            return Unlimited.Instance;
        var lease = _limiter.AttemptAcquire(1);
        if (lease.IsAcquired)
            return lease;
        lease.Dispose();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        wait.CancelAfter(_mostWait);
        try
        {
            lease = await _limiter.AcquireAsync(1, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            lease = Refused.Instance;
        }
        if (!lease.IsAcquired)
            Interlocked.Increment(ref _refusedSinceLog);
        return lease;
    }

    /// <summary>At most one log line per ten seconds of an overload, with how many calls were refused since the last.</summary>
    public bool ShouldLog(out long refusedSince)
    {
        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref _lastLog);
        refusedSince = 0;
        if (last != long.MinValue && Stopwatch.GetElapsedTime(last, now) < TimeSpan.FromSeconds(10))
            return false;
        if (Interlocked.CompareExchange(ref _lastLog, now, last) != last)
            return false;
        refusedSince = Interlocked.Exchange(ref _refusedSinceLog, 0);
        return true;
    }

    public void Dispose() => _limiter?.Dispose();

    sealed class Unlimited : RateLimitLease
    {
        public static readonly Unlimited Instance = new();
        public override bool IsAcquired => true;
        public override IEnumerable<string> MetadataNames => [];
        public override bool TryGetMetadata(string metadataName, out object? metadata) => (metadata = null) is not null;
    }

    sealed class Refused : RateLimitLease
    {
        public static readonly Refused Instance = new();
        public override bool IsAcquired => false;
        public override IEnumerable<string> MetadataNames => [];
        public override bool TryGetMetadata(string metadataName, out object? metadata) => (metadata = null) is not null;
    }
}
