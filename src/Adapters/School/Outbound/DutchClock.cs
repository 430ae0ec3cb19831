namespace IntegrationHub.Adapters.School.Outbound;

/// <summary>
/// Wall-clock time in the Netherlands (CET/CEST) for dates a school reads as local. The EU summer-time
/// rule is computed here rather than looked up in the host's time-zone database, so the rendered
/// file is the same on every machine.
/// </summary>
static class DutchClock
{
    public static DateTime Local(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var summer = utc >= LastSundayAtOneUtc(utc.Year, 3) && utc < LastSundayAtOneUtc(utc.Year, 10);
        return utc.AddHours(summer ? 2 : 1);
    }

    public static string Date(DateTimeOffset at) => Local(at).ToString("dd-MM-yyyy");

    public static string Time(DateTimeOffset at) => Local(at).ToString("HH:mm");

    public static string DateTime(DateTimeOffset at) => Local(at).ToString("dd-MM-yyyy HH:mm");

    static DateTime LastSundayAtOneUtc(int year, int month)
    {
        var last = new DateTime(year, month, System.DateTime.DaysInMonth(year, month), 1, 0, 0, DateTimeKind.Utc);
        return last.AddDays(-(int)last.DayOfWeek);
    }
}
