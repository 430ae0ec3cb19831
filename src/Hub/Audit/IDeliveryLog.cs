using System.Data.Common;

namespace IntegrationHub.Hub.Audit;

/// <summary>
/// The auditors' delivery log (afleverlog): every message the hub accepts, refuses or delivers, and
/// every feedback. Appended inside the caller's transaction when there is one, so the record and the
/// fact commit together. Entries hold no personal data: a pseudonymous subject key, never BSN or name.
/// </summary>
public interface IDeliveryLog
{
    Task AppendAsync(DeliveryLogEntry entry, DbConnection? connection = null, DbTransaction? transaction = null, CancellationToken cancellationToken = default);

    /// <summary>Several entries, in order, inside the caller's transaction (a batch of mail marked sent).</summary>
    async Task AppendManyAsync(IReadOnlyList<DeliveryLogEntry> entries, DbConnection connection, DbTransaction transaction)
    {
        foreach (var entry in entries)
            await AppendAsync(entry, connection, transaction).ConfigureAwait(false);
    }
}

/// <summary>One fact for the log. <see cref="PayloadSha256"/> is the SHA-256 (hex) of the canonical payload.</summary>
public sealed record DeliveryLogEntry
{
    public required DateTimeOffset At { get; init; }
    public required Guid MessageId { get; init; }
    public Guid? HandoverId { get; init; }
    public string? Sender { get; init; }
    public string? Receiver { get; init; }
    /// <summary>handover, feedback:receipt, mail:escalation-raised, ...</summary>
    public required string Kind { get; init; }
    public string? Purpose { get; init; }
    public string? LegalBasis { get; init; }
    public string? SubjectKey { get; init; }
    public required string PayloadSha256 { get; init; }
    /// <summary>accepted, rejected, refused, delivered or purged.</summary>
    public required string Outcome { get; init; }
    /// <summary>accepted/rejected: the channel (api:handovers, adapter:bjz, amqp:...); delivered: the destination.</summary>
    public string? Channel { get; init; }
}

public static class DeliveryOutcomes
{
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Refused = "refused";
    public const string Delivered = "delivered";
    /// <summary>Content the hub kept was deleted on its retention term; the entry keeps its hash.</summary>
    public const string Purged = "purged";
    /// <summary>Its author took it back (a signal withdrawn from the referral index).</summary>
    public const string Withdrawn = "withdrawn";
    /// <summary>Someone looked it up: an agency its matches, an operator a family (with the purpose given).</summary>
    public const string Viewed = "viewed";
}
