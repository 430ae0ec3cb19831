namespace IntegrationHub.Hub.Http;

/// <summary>
/// How much refused input one caller may send (configuration <c>Hub:RefusalLimit</c>): a token bucket per
/// caller that only refusals take from. The defaults let an agency with a bug send a hundred bad messages
/// at once and a hundred more every ten minutes; accepted messages never count.
/// </summary>
public sealed class RefusalLimitOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>Refusals a caller may collect in a burst before it is answered 429.</summary>
    public int Burst { get; set; } = 100;
    /// <summary>Refusals forgiven every <see cref="Period"/>.</summary>
    public int PerPeriod { get; set; } = 100;
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(10);
}
