using IntegrationHub.Contracts.Feedback;
using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Contracts.Validation;

/// <summary>
/// Dates in feedback that only make sense against the handover they are about: nothing happens to a
/// handover before it was submitted, care does not start before receipt, and indicated care ends after
/// it starts and within a horizon. Checked at intake: the saga cannot refuse, only fault.
/// </summary>
public static class FeedbackDateRules
{
    /// <param name="submittedAt">when the hub accepted the handover.</param>
    /// <param name="receiptAt">when the receiver confirmed receipt, when it has.</param>
    /// <param name="now">the hub's clock; the time of feedback that gives none.</param>
    public static IReadOnlyList<ValidationProblem> Check(FeedbackDocument feedback, DateTimeOffset submittedAt, DateTimeOffset? receiptAt,
        DateTimeOffset now, IntakeLimits? limits = null)
    {
        limits ??= IntakeLimits.Default;
        var report = new ValidationReport();
        var at = feedback.At ?? now;
        // The skew works both ways: the receiver's clock may run behind the hub's.
        if (at < submittedAt - limits.ClockSkew)
            report.Add("/at", "lies before the handover was submitted to the hub");
        else if (feedback.Kind == FeedbackKinds.CareStarted && receiptAt is { } receipt && at < receipt - limits.ClockSkew)
            report.Add("/at", "lies before the receipt of the handover was confirmed; care cannot start before it");
        return report.Problems;
    }

    /// <summary>The planned end of indicated care lies after the day care starts and at most the horizon after it.</summary>
    public static void CheckPlannedEnd(DateOnly plannedEnd, DateTimeOffset careStart, IntakeLimits limits, ValidationReport report)
    {
        // The day care starts as the giver of the feedback saw it (its own offset).
        var start = DateOnly.FromDateTime(careStart.DateTime);
        if (plannedEnd <= start)
            report.Add("/plannedEndDate", "must lie after the day care starts (/at, or when the hub receives the feedback)");
        else if (plannedEnd > start.AddYears(limits.PlannedEndHorizonYears))
            report.Add("/plannedEndDate", $"lies more than {limits.PlannedEndHorizonYears} years after the start of care");
    }
}
