using IntegrationHub.Hub.Calendar;

namespace IntegrationHub.Hub.Coordination;

/// <summary>
/// The numbers of the chain around the child, per region (docs/chain.md). Every default below is CHAIN.md's:
/// VIR practice for signal lifetimes, "default" for the rest.
/// </summary>
public sealed record ChainTerms
{
    /// <summary>A signal takes part in matches this long after its last update (VIR: 2 years).</summary>
    public int SignalActiveMonths { get; init; } = 24;
    /// <summary>A signal stays visible this long after its last update, then it is deleted with its links (VIR: 5 years).</summary>
    public int SignalVisibleMonths { get; init; } = 60;
    /// <summary>A match's parties confirm they made contact within this, else the chain office hears.</summary>
    public DeadlineSpan MatchContact { get; init; } = DeadlineSpan.WorkingDays(10);
    /// <summary>... and are reminded after this.</summary>
    public DeadlineSpan MatchReminder { get; init; } = DeadlineSpan.WorkingDays(5);
    /// <summary>An assigned coordinator accepts within this, or the next rule applies and the chain office hears.</summary>
    public DeadlineSpan CoordinatorAccept { get; init; } = DeadlineSpan.WorkingDays(2);
    /// <summary>The plan is due this long after the coordinator accepted (a rule may say sooner: Almere's 5 working days, 48 hours).</summary>
    public DeadlineSpan PlanDue { get; init; } = DeadlineSpan.WorkingDays(10);
    /// <summary>The plan is reviewed this often.</summary>
    public DeadlineSpan PlanReview { get; init; } = DeadlineSpan.WorkingDays(30);
    /// <summary>A coordinator is sought when a match, or this many active signals, concern a family.</summary>
    public int SignalsForCoordination { get; init; } = 3;
}
