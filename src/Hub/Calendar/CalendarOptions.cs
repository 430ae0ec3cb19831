namespace IntegrationHub.Hub.Calendar;

/// <summary>
/// Which optional days an agency's covenant (convenant) treats as non-working.
/// </summary>
public sealed record CalendarOptions
{
    /// <summary>The statutory set only: no Good Friday, Liberation Day in lustrum years, no closing days.</summary>
    public static CalendarOptions Default { get; } = new();

    /// <summary>Good Friday (Goede Vrijdag) is a day off; many collective agreements leave it a working day.</summary>
    public bool GoodFriday { get; init; }

    /// <summary>
    /// Liberation Day (Bevrijdingsdag, 5 May) is a day off every year, not only in lustrum years.
    /// </summary>
    public bool LiberationDayEveryYear { get; init; }

    /// <summary>
    /// Extra closing days (sluitingsdagen) agreed in the covenant, e.g. a bridge day between Christmas and New Year.
    /// </summary>
    public IReadOnlyList<DateOnly> ExtraClosingDays { get; init; } = [];

    /// <summary>
    /// When the region's offices open (Amsterdam time): a deadline counted from a day off, or set on a date, falls
    /// due then, not at midnight, so nothing is overdue before anyone could have acted.
    /// </summary>
    public TimeOnly OfficeOpens { get; init; } = new(9, 0);

    // Value equality on the closing days, not on the list instance, so options loaded twice from the same
    // configuration compare equal.
    public bool Equals(CalendarOptions? other) =>
        other is not null
        && GoodFriday == other.GoodFriday
        && LiberationDayEveryYear == other.LiberationDayEveryYear
        && OfficeOpens == other.OfficeOpens
        && ExtraClosingDays.SequenceEqual(other.ExtraClosingDays);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(GoodFriday);
        hash.Add(LiberationDayEveryYear);
        hash.Add(OfficeOpens);
        foreach (var day in ExtraClosingDays)
            hash.Add(day);
        return hash.ToHashCode();
    }
}
