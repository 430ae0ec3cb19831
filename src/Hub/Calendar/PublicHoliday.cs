namespace IntegrationHub.Hub.Calendar;

/// <summary>A Dutch public holiday (feestdag) on a given date.</summary>
public sealed record PublicHoliday(DateOnly Date, PublicHolidayKind Kind);

public enum PublicHolidayKind
{
    /// <summary>Nieuwjaarsdag, 1 January.</summary>
    NewYearsDay,

    /// <summary>Goede Vrijdag; only when <see cref="CalendarOptions.GoodFriday"/> is set.</summary>
    GoodFriday,

    /// <summary>Eerste Paasdag.</summary>
    EasterSunday,

    /// <summary>Tweede Paasdag.</summary>
    EasterMonday,

    /// <summary>Koningsdag, 27 April, or 26 April when the 27th is a Sunday.</summary>
    KingsDay,

    /// <summary>Bevrijdingsdag, 5 May; in lustrum years unless <see cref="CalendarOptions.LiberationDayEveryYear"/>.</summary>
    LiberationDay,

    /// <summary>Hemelvaartsdag, Easter + 39 days.</summary>
    AscensionDay,

    /// <summary>Eerste Pinksterdag, Easter + 49 days.</summary>
    WhitSunday,

    /// <summary>Tweede Pinksterdag, Easter + 50 days.</summary>
    WhitMonday,

    /// <summary>Eerste Kerstdag, 25 December.</summary>
    ChristmasDay,

    /// <summary>Tweede Kerstdag, 26 December.</summary>
    BoxingDay,
}
