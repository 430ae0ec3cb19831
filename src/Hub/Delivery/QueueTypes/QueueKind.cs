using RabbitMQ.Client.Exceptions;

namespace IntegrationHub.Hub.Delivery.QueueTypes;

/// <summary>
/// Quorum or classic: what a queue is declared as. A quorum queue is replicated on a majority of a cluster's
/// nodes (Raft) and survives the loss of a minority; a classic queue lives on one node. RabbitMQ fixes a queue's
/// type when it is first declared: declaring it again as the other type is refused (PRECONDITION_FAILED, 406),
/// so a broker that holds classic queues of these names needs <see cref="QueueMigration"/>.
/// </summary>
public static class QueueKind
{
    public const string Quorum = "quorum";
    public const string Classic = "classic";

    public static string Of(bool quorum) => quorum ? Quorum : Classic;

    /// <summary>The declaration's arguments. Classic queues are declared without any, as the hub always did,
    /// so a classic queue declared by an earlier hub is the same queue.</summary>
    public static IDictionary<string, object?>? Arguments(string kind) =>
        kind == Quorum ? new Dictionary<string, object?> { ["x-queue-type"] = Quorum } : null;

    /// <summary>Whether a declaration was refused because the queue exists with other arguments (its type, for these queues).</summary>
    public static bool IsInequivalent(Exception e) =>
        e is OperationInterruptedException { ShutdownReason: { ReplyCode: 406 } reason } && reason.ReplyText.Contains("inequivalent arg", StringComparison.Ordinal);
}
