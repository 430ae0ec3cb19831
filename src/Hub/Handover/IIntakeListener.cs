using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Feedback;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Handover;

/// <summary>
/// A capability that acts on what the intakes accept, in the same unit of work (so it is stored with the handover
/// or feedback, or not at all): the referral index registers a signal for a handover's sender, recognises a
/// child handed to one receiver twice (src/Hub/Signals). What it sends it writes to the outbox within the scope.
/// </summary>
public interface IIntakeListener
{
    Task HandoverAcceptedAsync(WriteScope scope, AcceptedHandover accepted);

    /// <summary>Feedback the handover machine applied (not refused, not a duplicate).</summary>
    Task FeedbackAcceptedAsync(WriteScope scope, AcceptedFeedback accepted);
}

/// <param name="Signal">what the agency's own format said about the handover's signal (a case-meeting outcome).</param>
public sealed record AcceptedHandover(Guid HandoverId, HandoverDocument Document, string SubjectKey, DateTimeOffset At, string Channel, SignalHint? Signal);

public sealed record AcceptedFeedback(Guid HandoverId, FeedbackDocument Feedback, string Sender, string Receiver, DateTimeOffset At, string Channel);
