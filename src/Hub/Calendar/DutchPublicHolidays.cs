namespace IntegrationHub.Hub.Calendar;

/// <summary>
/// The Dutch public holidays (feestdagen) of a year. Today's rules are applied to every year: King's Day is
/// not turned back into Queen's Day for years before 2014.
/// </summary>
public static class DutchPublicHolidays
{
    /// <summary>The holidays of <paramref name="year"/> in date order. Closing days are not holidays and are not included.</summary>
    public static IReadOnlyList<PublicHoliday> For(int year, CalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var easter = EasterSunday(year);
        var holidays = new List<PublicHoliday>
        {
            new(new DateOnly(year, 1, 1), PublicHolidayKind.NewYearsDay),
            new(easter, PublicHolidayKind.EasterSunday),
            new(easter.AddDays(1), PublicHolidayKind.EasterMonday),
            new(KingsDay(year), PublicHolidayKind.KingsDay),
            new(easter.AddDays(39), PublicHolidayKind.AscensionDay),
            new(easter.AddDays(49), PublicHolidayKind.WhitSunday),
            new(easter.AddDays(50), PublicHolidayKind.WhitMonday),
            new(new DateOnly(year, 12, 25), PublicHolidayKind.ChristmasDay),
            new(new DateOnly(year, 12, 26), PublicHolidayKind.BoxingDay),
        };
        if (options.GoodFriday)
            holidays.Add(new(easter.AddDays(-2), PublicHolidayKind.GoodFriday));
        if (options.LiberationDayEveryYear || year % 5 == 0)
            holidays.Add(new(new DateOnly(year, 5, 5), PublicHolidayKind.LiberationDay));
        // Ascension can fall on 5 May (e.g. 2005); both entries stay, each names a real holiday.
        return holidays.OrderBy(h => h.Date).ThenBy(h => h.Kind).ToArray();
    }

    /// <summary>Easter Sunday (Eerste Paasdag) by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    // Koningsdag moves back to the Saturday, not forward to the Monday, when the 27th is a Sunday.
    static DateOnly KingsDay(int year)
    {
        var day = new DateOnly(year, 4, 27);
        return day.DayOfWeek == DayOfWeek.Sunday ? day.AddDays(-1) : day;
    }
}
