namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// A mail published to a cluster that the broker did not confirm (the channel died with its node, or the broker
/// answered with a nack). The egress journal cannot settle such a mail: the agency's quorum queue and the journal
/// stream are written side by side, each replicated on its own, and a node killed at that moment can leave the
/// mail committed in the journal but not in the queue (ClusterFailoverTests lost 6 and 17 mails that way, with
/// the channel both on the dying node and on a surviving one). Trusting the journal would lose it; so the row is
/// published again, and the agency may get this mail twice, with the same message-id
/// (docs/cluster.md#what-each-part-promises). The journal still settles rows left claimed by a hub that crashed.
/// On a single node the queue and the journal are written together and the journal decides as before.
/// </summary>
public sealed class UncertainDropException(Guid mailId, Exception inner)
    : Exception($"{Prefix} the broker did not confirm mail {mailId} ({inner.GetType().Name}); it is published again", inner)
{
    public const string Prefix = "uncertain publish:";

    /// <summary>Whether an outbox row's last error says its last publish was uncertain.</summary>
    public static bool Marks(string? lastError) => lastError?.StartsWith(Prefix, StringComparison.Ordinal) == true;
}
