using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Hub.Feedback;

/// <summary>
/// Which feedback (terugkoppeling) fits which state, and who may give it: the receiver answers, the
/// sender may only withdraw, and only until care has started (BRIEF.md §3).
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

    /// <summary>Null when the feedback fits; otherwise the reason it is refused (409).</summary>
    public static string? Refusal(string kind, string state, string byAgency, string sender, string receiver)
    {
        var allowedAgency = kind == FeedbackKinds.Withdrawal ? sender : receiver;
        if (byAgency != allowedAgency)
            return kind == FeedbackKinds.Withdrawal
                ? $"only the sender ({sender}) may withdraw this handover, not {byAgency}"
                : $"only the receiver ({receiver}) may give {kind} feedback on this handover, not {byAgency}";
        if (!AllowedByState.TryGetValue(state, out var allowed))
            return $"the handover is {state}: it takes no more feedback";
        if (!allowed.Contains(kind))
            return $"{kind} does not fit a handover that is {state} (it takes: {string.Join(", ", allowed)})";
        return null;
    }
}
