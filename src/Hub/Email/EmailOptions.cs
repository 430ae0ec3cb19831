namespace IntegrationHub.Hub.Email;

/// <summary>
/// Hub:Email: the SMTP server people are notified through (escalations, re-notices, decisions, the hub's and the chain's notices, matches).
/// Without <see cref="Host"/> nobody is e-mailed (the embedded demo); agencies still get their mail in their queues.
/// </summary>
public sealed class EmailOptions
{
    public string? Host { get; set; }
    /// <summary>Default 587 with STARTTLS, 465 with TLS, 25 without.</summary>
    public int? Port { get; set; }
    /// <summary>starttls (the default: required, refused without it), tls (implicit TLS, SMTPS) or none (a relay on this machine, or one the network protects; never with credentials to another machine).</summary>
    public string Tls { get; set; } = "starttls";
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>The sender, e.g. "IntegrationHub ketenbureau &lt;hub@tilburg.example&gt;"; its domain names the Message-Ids.</summary>
    public string? From { get; set; }
    /// <summary>Where the operator dashboard is reached from people's desks (https://hub.example); each mail links to its handover there (mail about a family: the chain page with that family).</summary>
    public string? DashboardBaseUrl { get; set; }
    /// <summary>The chain office's own mailbox(es) (ketenbureau): it hears of re-notices, overdue compliance, transition plans and undelivered handovers.</summary>
    public List<string> ChainOffice { get; set; } = [];
    /// <summary>How long one SMTP conversation may take before it counts as failed (and is tried again later).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>After this many failed tries an e-mail is reported as failing (log error, /api/operator/email); it is still tried.</summary>
    public int FailingAfterAttempts { get; set; } = 5;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public int EffectivePort => Port ?? Tls.ToLowerInvariant() switch { "tls" => 465, "none" => 25, _ => 587 };
}
