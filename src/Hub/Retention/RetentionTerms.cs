namespace IntegrationHub.Hub.Retention;

/// <summary>
/// How long the hub keeps what it must not keep for ever (BRIEF §7: store the least that works), from the
/// covenants (<c>retention</c> in the region, documents also per covenant). The delivery log keeps its hashes
/// for good: it holds no personal data and stays verifiable.
/// </summary>
public sealed record RetentionTerms
{
    /// <summary>Handover and feedback documents (BSN, names, concerns): this many days after the handover closed.</summary>
    public int DocumentsDaysAfterClose { get; init; } = 90;
    /// <summary>Refused messages with their original bytes: this many days after their replay, or after they came in.</summary>
    public int RejectsDays { get; init; } = 30;
    /// <summary>The embedded mailbox: mail the agency has read past, this many days after it was sent.</summary>
    public int MailboxDaysAfterRead { get; init; } = 30;
    /// <summary>Outbox rows already sent (the mail's own copy; what was delivered is in the delivery log): this many hours.</summary>
    public int SentOutboxHours { get; init; } = 24;
    /// <summary>Resolved faults, for operators' insight: this many days.</summary>
    public int ResolvedFaultsDays { get; init; } = 30;
}
