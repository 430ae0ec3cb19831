namespace IntegrationHub.Hub.Http;

/// <summary>
/// How many agency writes the hub takes on at once (configuration <c>Hub:Admission</c>). Beyond them a call waits in
/// line for at most <see cref="MostWait"/>; a call that finds the line full, or waits longer, is answered 503 with
/// Retry-After before anything of it is stored. The defaults keep SQLite's writer batches full (64 units per commit)
/// and bound an accepted call's wait to a second, where without a limit a hub offered more than it carries answered
/// every call later and later (seconds at 500 handovers/s on the bench's 2 cores).
/// </summary>
public sealed class AdmissionOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>Agency writes in progress at once.</summary>
    public int InProgress { get; set; } = 64;
    /// <summary>Agency writes waiting for one of those places; the rest are answered 503 at once.</summary>
    public int Waiting { get; set; } = 512;
    /// <summary>How long a waiting call waits for a place before it is answered 503.</summary>
    public TimeSpan MostWait { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>What a call answered 503 is told to wait (Retry-After, whole seconds).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(2);
}
