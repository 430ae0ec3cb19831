using IntegrationHub.Hub.Calendar;
using static IntegrationHub.Hub.Calendar.PublicHolidayKind;

namespace IntegrationHub.Tests.Calendar;

public class DutchPublicHolidaysTests
{
    // Written out by hand from published calendars, not derived from Easter in code, so the table can
    // disagree with the implementation.
    static readonly (int Year, PublicHolidayKind Kind, string Date)[] Expected =
    [
        (2024, NewYearsDay, "2024-01-01"), (2024, EasterSunday, "2024-03-31"), (2024, EasterMonday, "2024-04-01"),
        (2024, KingsDay, "2024-04-27"), (2024, AscensionDay, "2024-05-09"), (2024, WhitSunday, "2024-05-19"),
        (2024, WhitMonday, "2024-05-20"), (2024, ChristmasDay, "2024-12-25"), (2024, BoxingDay, "2024-12-26"),

        (2025, NewYearsDay, "2025-01-01"), (2025, EasterSunday, "2025-04-20"), (2025, EasterMonday, "2025-04-21"),
        (2025, KingsDay, "2025-04-26"), (2025, LiberationDay, "2025-05-05"), (2025, AscensionDay, "2025-05-29"),
        (2025, WhitSunday, "2025-06-08"), (2025, WhitMonday, "2025-06-09"), (2025, ChristmasDay, "2025-12-25"),
        (2025, BoxingDay, "2025-12-26"),

        (2026, NewYearsDay, "2026-01-01"), (2026, EasterSunday, "2026-04-05"), (2026, EasterMonday, "2026-04-06"),
        (2026, KingsDay, "2026-04-27"), (2026, AscensionDay, "2026-05-14"), (2026, WhitSunday, "2026-05-24"),
        (2026, WhitMonday, "2026-05-25"), (2026, ChristmasDay, "2026-12-25"), (2026, BoxingDay, "2026-12-26"),

        (2027, NewYearsDay, "2027-01-01"), (2027, EasterSunday, "2027-03-28"), (2027, EasterMonday, "2027-03-29"),
        (2027, KingsDay, "2027-04-27"), (2027, AscensionDay, "2027-05-06"), (2027, WhitSunday, "2027-05-16"),
        (2027, WhitMonday, "2027-05-17"), (2027, ChristmasDay, "2027-12-25"), (2027, BoxingDay, "2027-12-26"),

        (2028, NewYearsDay, "2028-01-01"), (2028, EasterSunday, "2028-04-16"), (2028, EasterMonday, "2028-04-17"),
        (2028, KingsDay, "2028-04-27"), (2028, AscensionDay, "2028-05-25"), (2028, WhitSunday, "2028-06-04"),
        (2028, WhitMonday, "2028-06-05"), (2028, ChristmasDay, "2028-12-25"), (2028, BoxingDay, "2028-12-26"),

        (2029, NewYearsDay, "2029-01-01"), (2029, EasterSunday, "2029-04-01"), (2029, EasterMonday, "2029-04-02"),
        (2029, KingsDay, "2029-04-27"), (2029, AscensionDay, "2029-05-10"), (2029, WhitSunday, "2029-05-20"),
        (2029, WhitMonday, "2029-05-21"), (2029, ChristmasDay, "2029-12-25"), (2029, BoxingDay, "2029-12-26"),

        (2030, NewYearsDay, "2030-01-01"), (2030, EasterSunday, "2030-04-21"), (2030, EasterMonday, "2030-04-22"),
        (2030, KingsDay, "2030-04-27"), (2030, LiberationDay, "2030-05-05"), (2030, AscensionDay, "2030-05-30"),
        (2030, WhitSunday, "2030-06-09"), (2030, WhitMonday, "2030-06-10"), (2030, ChristmasDay, "2030-12-25"),
        (2030, BoxingDay, "2030-12-26"),
    ];

    public static TheoryData<int, PublicHolidayKind, string> EveryHoliday()
    {
        var data = new TheoryData<int, PublicHolidayKind, string>();
        foreach (var (year, kind, date) in Expected)
            data.Add(year, kind, date);
        return data;
    }

    static PublicHoliday Holiday(PublicHolidayKind kind, string date) => new(DateOnly.Parse(date), kind);

    [Theory]
    [MemberData(nameof(EveryHoliday))]
    public void Each_holiday_falls_on_its_known_date_and_is_not_a_working_day(int year, PublicHolidayKind kind, string date)
    {
        DutchPublicHolidays.For(year, CalendarOptions.Default).Should().ContainSingle(h => h.Kind == kind)
            .Which.Should().Be(Holiday(kind, date));
        new WorkingDayCalendar(CalendarOptions.Default).IsWorkingDay(DateOnly.Parse(date)).Should().BeFalse();
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    [InlineData(2027)]
    [InlineData(2028)]
    [InlineData(2029)]
    [InlineData(2030)]
    public void A_year_has_exactly_the_expected_holidays_in_date_order(int year)
    {
        var expected = Expected.Where(e => e.Year == year).Select(e => Holiday(e.Kind, e.Date));

        DutchPublicHolidays.For(year, CalendarOptions.Default).Should().Equal(expected);
    }

    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2028, "2028-04-16")]
    [InlineData(2029, "2029-04-01")]
    [InlineData(2030, "2030-04-21")]
    [InlineData(1818, "1818-03-22")] // earliest possible
    [InlineData(2285, "2285-03-22")]
    [InlineData(1943, "1943-04-25")] // latest possible
    [InlineData(2038, "2038-04-25")]
    public void Easter_sunday_matches_known_dates(int year, string date) =>
        DutchPublicHolidays.EasterSunday(year).Should().Be(DateOnly.Parse(date));

    [Theory]
    [InlineData(2025, "2025-04-26")]
    [InlineData(2031, "2031-04-26")]
    [InlineData(2024, "2024-04-27")] // a Saturday stays put
    public void Kings_day_moves_to_the_saturday_when_the_27th_is_a_sunday(int year, string date) =>
        DutchPublicHolidays.For(year, CalendarOptions.Default).Single(h => h.Kind == KingsDay).Date
            .Should().Be(DateOnly.Parse(date));

    [Fact]
    public void Liberation_day_outside_a_lustrum_year_only_with_the_option()
    {
        var every = new CalendarOptions { LiberationDayEveryYear = true };

        DutchPublicHolidays.For(2026, CalendarOptions.Default).Should().NotContain(h => h.Kind == LiberationDay);
        DutchPublicHolidays.For(2026, every).Should().ContainSingle(h => h.Kind == LiberationDay)
            .Which.Date.Should().Be(new DateOnly(2026, 5, 5));
        new WorkingDayCalendar(CalendarOptions.Default).IsWorkingDay(new DateOnly(2026, 5, 5)).Should().BeTrue();
        new WorkingDayCalendar(every).IsWorkingDay(new DateOnly(2026, 5, 5)).Should().BeFalse();
    }

    [Fact]
    public void Good_friday_only_with_the_option()
    {
        var withGoodFriday = new CalendarOptions { GoodFriday = true };

        DutchPublicHolidays.For(2026, CalendarOptions.Default).Should().NotContain(h => h.Kind == GoodFriday);
        DutchPublicHolidays.For(2026, withGoodFriday).Should().ContainSingle(h => h.Kind == GoodFriday)
            .Which.Date.Should().Be(new DateOnly(2026, 4, 3));
        new WorkingDayCalendar(CalendarOptions.Default).IsWorkingDay(new DateOnly(2026, 4, 3)).Should().BeTrue();
        new WorkingDayCalendar(withGoodFriday).IsWorkingDay(new DateOnly(2026, 4, 3)).Should().BeFalse();
    }

    [Fact]
    public void Ascension_and_liberation_day_on_the_same_date_are_both_listed()
    {
        var may5 = new DateOnly(2005, 5, 5);

        DutchPublicHolidays.For(2005, CalendarOptions.Default).Where(h => h.Date == may5).Select(h => h.Kind)
            .Should().Equal(LiberationDay, AscensionDay);
    }

    [Fact]
    public void Closing_days_are_not_public_holidays()
    {
        var options = new CalendarOptions { ExtraClosingDays = [new DateOnly(2026, 12, 28)] };

        DutchPublicHolidays.For(2026, options).Should().NotContain(h => h.Date == new DateOnly(2026, 12, 28));
    }
}
