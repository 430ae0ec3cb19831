namespace IntegrationHub.Hub.Delivery.QueueTypes;

/// <summary>
/// The hub does not start on queues of the wrong type: it would declare the rest as quorum queues and leave
/// these unreplicated without anyone noticing, and it cannot convert them itself while other hub instances
/// and agencies use them. The message names the queues and the command that migrates them.
/// </summary>
public sealed class QueueTypeMismatchException(IReadOnlyList<string> queues, string wanted)
    : InvalidOperationException(Describe(queues, wanted))
{
    public IReadOnlyList<string> Queues { get; } = queues;

    static string Describe(IReadOnlyList<string> queues, string wanted)
    {
        var setting = wanted == QueueKind.Quorum ? "true" : "false";
        var other = wanted == QueueKind.Quorum ? "false" : "true";
        return $"Hub:RabbitMq:QuorumQueues is {setting}, but the broker holds {queues.Count} of the hub's queues as another type than {wanted}, " +
               $"and RabbitMQ cannot change a queue's type in place: {string.Join(", ", queues)}. " +
               $"Stop every hub instance, then run `IntegrationHub.Hub broker migrate-queues` (`dotnet run --project src/Hub -- broker migrate-queues`) " +
               $"with this configuration: it moves their messages into {wanted} queues of the same names (docs/cluster.md#moving-to-quorum-queues). " +
               $"Or set Hub:RabbitMq:QuorumQueues={other} to keep them as they are for now.";
    }
}
