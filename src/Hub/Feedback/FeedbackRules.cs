using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Hub.Feedback;

/// <summary>
/// Which feedback (terugkoppeling) fits which state, and who gives it: the receiver answers, the sender
/// may only withdraw, and only until care has started (BRIEF.md §3).
/// </summary>
public static class FeedbackRules
{
    static readonly Dictionary<string, string[]> AllowedByState = new()
    {
        [HandoverStates.Submitted] = [FeedbackKinds.Receipt, FeedbackKinds.Rejection, FeedbackKinds.CareStarted, FeedbackKinds.Withdrawal],
        [HandoverStates.Delivered] = [FeedbackKinds.Receipt, FeedbackKinds.Rejection, FeedbackKinds.CareStarted, FeedbackKinds.Withdrawal],
        [HandoverStates.ReceiptConfirmed] = [FeedbackKinds.Rejection, FeedbackKinds.CareStarted, FeedbackKinds.Withdrawal],
        [HandoverStates.CareStarted] = [FeedbackKinds.Progress, FeedbackKinds.CareEnded],
    };

    /// <summary>The party that gives this kind of feedback: the sender withdraws, the receiver gives the rest.</summary>
    public static string GivenBy(string kind, string sender, string receiver) => kind == FeedbackKinds.Withdrawal ? sender : receiver;

    /// <summary>Null when <paramref name="byAgency"/> gives this kind; otherwise why not (403).</summary>
    public static string? WrongParty(string kind, string byAgency, string sender, string receiver) =>
        byAgency == GivenBy(kind, sender, receiver)
            ? null
            : kind == FeedbackKinds.Withdrawal
                ? $"only the sender ({sender}) may withdraw this handover, not {byAgency}"
                : $"only the receiver ({receiver}) may give {kind} feedback on this handover, not {byAgency}";

    /// <summary>Null when the feedback fits the state; otherwise why not (409).</summary>
    public static string? Misfit(string kind, string state)
    {
        if (!AllowedByState.TryGetValue(state, out var allowed))
            return $"the handover is {state}: it takes no more feedback";
        return allowed.Contains(kind) ? null : $"{kind} does not fit a handover that is {state} (it takes: {string.Join(", ", allowed)})";
    }
}
