using System.Text.Json;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence.Sagas;
using MassTransit;

namespace IntegrationHub.Hub.Handover;

/// <summary>
/// A message for a handover whose saga does not exist yet. The handover was accepted (its document is
/// stored) but its submission has not reached the saga: after a crash its outbox row may still be held by
/// the dead instance's claim. The message is deferred through the outbox (durable, in this step's
/// transaction) instead of being retried until it gives up. A handover that was never accepted faults.
/// </summary>
public static class MissingHandover
{
    static readonly TimeSpan DeferBy = TimeSpan.FromSeconds(2);
    /// <summary>Longer than any outbox claim or restart: past this the submission is not merely late.</summary>
    static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(1);

    public static async Task DeferAsync<T>(ConsumeContext<T> context, Guid handoverId) where T : class
    {
        if (!context.TryGetPayload(out HandoverSagaSession? session))
            throw new InvalidOperationException($"handover {handoverId} has no saga, and no saga session to defer {typeof(T).Name} in");
        var acceptedAt = await session.DocumentAcceptedAtAsync(handoverId).ConfigureAwait(false);
        if (acceptedAt is null)
            throw new InvalidOperationException($"{typeof(T).Name} names handover {handoverId}, which the hub never accepted");
        // Both times are the hub's domain clock: acceptance was stamped by it.
        if (session.Clock.GetUtcNow() - acceptedAt > GiveUpAfter)
            throw new InvalidOperationException($"handover {handoverId} was accepted at {acceptedAt:O} but its saga never started");

        var copy = new OutgoingMessage(Guid.NewGuid(), OutgoingMessage.PublishDestination, typeof(T).Name,
            JsonSerializer.Serialize(context.Message, BusJson.Options));
        await session.DeferAsync(copy, LeaseClock.Now + DeferBy).ConfigureAwait(false);
    }
}
