namespace IntegrationHub.Contracts.Validation;

/// <summary>
/// The ranges intake holds dates to (configuration <c>Hub:Intake</c>). A date outside them would be accepted
/// and then break a deadline calculation or a receiver's system later, when nobody is there to fix it.
/// </summary>
public sealed class IntakeLimits
{
    /// <summary>Clocks at agencies drift: a time this far ahead of the hub's is not yet "in the future".</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far after the start of care a planned end date (plannedEndDate) may lie.</summary>
    public int PlannedEndHorizonYears { get; set; } = 10;

    /// <summary>No child, sibling or consent in this chain dates from before this.</summary>
    public DateOnly EarliestDate { get; set; } = new(1900, 1, 1);

    public static IntakeLimits Default { get; } = new();
}
