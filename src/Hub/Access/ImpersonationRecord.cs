using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Rejects;

namespace IntegrationHub.Hub.Access;

/// <summary>
/// A caller that named another agency as itself (API.md: "else 403 and nothing is stored but the refusal"):
/// kept for operators without its content (not replayable), and in the delivery log as refused, with the
/// content's hash only. Logged by ids, so the chain office can see who tried.
/// </summary>
public sealed class ImpersonationRecord(RejectStore rejects, IDeliveryLog deliveryLog, TimeProvider clock, ILogger<ImpersonationRecord> logger)
{
    public async Task RecordAsync(Caller caller, string channel, string kind, ValidationProblem problem, Guid messageId, string payloadSha256,
        Guid? handoverId, CancellationToken cancellationToken)
    {
        await rejects.AddAsync(channel, caller.AgencyId, null, [problem], ReadOnlyMemory<byte>.Empty, cancellationToken, handoverId, replayable: false).ConfigureAwait(false);
        await deliveryLog.AppendAsync(new DeliveryLogEntry
        {
            At = clock.GetUtcNow(), MessageId = messageId, HandoverId = handoverId, Sender = caller.AgencyId, Kind = kind,
            PayloadSha256 = payloadSha256, Outcome = DeliveryOutcomes.Refused, Channel = channel,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        logger.LogWarning("{Actor} on {Channel} sent {Kind} as another agency ({Path}); refused", caller.Actor, channel, kind, problem.Path);
    }
}
