namespace IntegrationHub.Hub.Audit;

/// <summary>
/// One stored row of <c>delivery_log</c>, exactly as it is in the database: ids as text, the time as
/// Unix milliseconds. The chain hash is computed over these stored values (not over re-parsed ones),
/// so any change to a column, even to the letter case of an id, breaks the chain.
/// </summary>
public sealed record DeliveryLogRow
{
    public required long Seq { get; init; }
    public required long AtMs { get; init; }
    public required string MessageId { get; init; }
    public string? HandoverId { get; init; }
    public string? Sender { get; init; }
    public string? Receiver { get; init; }
    public required string Kind { get; init; }
    public string? Purpose { get; init; }
    public string? LegalBasis { get; init; }
    public string? SubjectKey { get; init; }
    public required string PayloadSha256 { get; init; }
    public required string Outcome { get; init; }
    public string? Channel { get; init; }
    public required string PrevHash { get; init; }
    public required string EntryHash { get; init; }

    public DateTimeOffset At => Persistence.Epoch.At(AtMs);

    /// <summary>The columns in table order, for SELECTs that map onto this record.</summary>
    internal const string Columns =
        "seq AS Seq, at_ms AS AtMs, message_id AS MessageId, handover_id AS HandoverId, sender AS Sender, receiver AS Receiver, " +
        "kind AS Kind, purpose AS Purpose, legal_basis AS LegalBasis, subject_key AS SubjectKey, payload_sha256 AS PayloadSha256, " +
        "outcome AS Outcome, channel AS Channel, prev_hash AS PrevHash, entry_hash AS EntryHash";

    /// <summary>The row an entry becomes at position <paramref name="seq"/> after <paramref name="prevHash"/>.</summary>
    public static DeliveryLogRow From(DeliveryLogEntry entry, long seq, string prevHash)
    {
        var row = new DeliveryLogRow
        {
            Seq = seq, AtMs = Persistence.Epoch.Ms(entry.At), MessageId = entry.MessageId.ToString(), HandoverId = entry.HandoverId?.ToString(),
            Sender = entry.Sender, Receiver = entry.Receiver, Kind = entry.Kind, Purpose = entry.Purpose, LegalBasis = entry.LegalBasis,
            SubjectKey = entry.SubjectKey, PayloadSha256 = entry.PayloadSha256, Outcome = entry.Outcome, Channel = entry.Channel,
            PrevHash = prevHash, EntryHash = "",
        };
        return row with { EntryHash = ChainHash.Of(row) };
    }
}
