using IntegrationHub.Hub.Outbox;

namespace IntegrationHub.Hub.Handover;

/// <summary>What the handover machine decided for one event.</summary>
public abstract record StepOutcome
{
    /// <summary>The state changed; <paramref name="Sent"/> is what it sends (outbox rows, same transaction).</summary>
    public sealed record Applied(IReadOnlyList<OutgoingMessage> Sent) : StepOutcome;

    /// <summary>A late copy of what already happened (a second delivery report, a tick after the end): nothing changes.</summary>
    public sealed record Ignored : StepOutcome;

    /// <summary>Not taken: from a party that may not give it (<paramref name="WrongParty"/>, 403), or not fitting the state (409).</summary>
    public sealed record Refused(string Reason, bool WrongParty) : StepOutcome;
}
