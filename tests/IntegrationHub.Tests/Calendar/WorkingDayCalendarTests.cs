using IntegrationHub.Hub.Calendar;

namespace IntegrationHub.Tests.Calendar;

public class WorkingDayCalendarTests
{
    [Theory]
    [InlineData("2026-06-15", true)] // Monday
    [InlineData("2026-06-19", true)] // Friday
    [InlineData("2026-06-13", false)] // Saturday
    [InlineData("2026-06-14", false)] // Sunday
    [InlineData("2026-04-06", false)] // Easter Monday
    [InlineData("2026-05-14", false)] // Ascension Day, a Thursday
    public void Working_days_are_weekdays_that_are_not_holidays(string date, bool expected) =>
        new WorkingDayCalendar(CalendarOptions.Default).IsWorkingDay(DateOnly.Parse(date)).Should().Be(expected);

    [Fact]
    public void Changing_the_closing_day_list_afterwards_does_not_change_the_calendar()
    {
        var closingDays = new List<DateOnly> { new(2026, 12, 28) };
        var calendar = new WorkingDayCalendar(new CalendarOptions { ExtraClosingDays = closingDays });

        closingDays.Add(new DateOnly(2026, 12, 29));

        calendar.IsWorkingDay(new DateOnly(2026, 12, 28)).Should().BeFalse();
        calendar.IsWorkingDay(new DateOnly(2026, 12, 29)).Should().BeTrue();
    }

    [Fact]
    public void Gives_the_same_answers_when_shared_between_threads()
    {
        var calendar = new WorkingDayCalendar(CalendarOptions.Default);
        var days = Enumerable.Range(0, 1096).Select(i => new DateOnly(2024, 1, 1).AddDays(i)).ToArray();

        // Many threads fill the per-year cache at once.
        var working = days.AsParallel().WithDegreeOfParallelism(8).Where(calendar.IsWorkingDay).ToArray();

        // 262 - 6, 261 - 7 and 261 - 6 weekdays minus weekday holidays, counted outside this code.
        working.GroupBy(d => d.Year).Select(g => (g.Key, g.Count()))
            .Should().BeEquivalentTo(new[] { (2024, 256), (2025, 254), (2026, 255) });
    }

    [Fact]
    public void Options_with_the_same_closing_days_are_equal()
    {
        var a = new CalendarOptions { GoodFriday = true, ExtraClosingDays = [new DateOnly(2026, 12, 28)] };
        var b = new CalendarOptions { GoodFriday = true, ExtraClosingDays = new List<DateOnly> { new(2026, 12, 28) } };

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.Should().NotBe(b with { GoodFriday = false });
    }
}
