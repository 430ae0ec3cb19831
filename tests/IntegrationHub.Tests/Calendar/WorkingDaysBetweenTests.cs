using IntegrationHub.Hub.Calendar;
using static IntegrationHub.Tests.Calendar.CalendarTime;

namespace IntegrationHub.Tests.Calendar;

public class WorkingDaysBetweenTests
{
    static readonly WorkingDayCalendar Calendar = new(CalendarOptions.Default);

    [Theory]
    // [Thu 2 Apr, Wed 8 Apr) 2026: Thu, Fri, Tue; Easter Monday and the weekend do not count.
    [InlineData("2026-04-02", "2026-04-08", 3)]
    [InlineData("2026-04-08", "2026-04-02", -3)]
    [InlineData("2026-04-02", "2026-04-02", 0)]
    [InlineData("2026-04-04", "2026-04-07", 0)] // Sat up to Tue: only Sun and Easter Monday in between
    [InlineData("2024-12-23", "2025-01-06", 7)] // 23, 24, 27, 30, 31 December and 2, 3 January
    public void Counts_working_days_from_inclusive_to_exclusive(string from, string to, int expected) =>
        Calendar.WorkingDaysBetween(DateOnly.Parse(from), DateOnly.Parse(to)).Should().Be(expected);

    [Fact]
    public void Undoes_add_working_days_also_from_weekends_and_holidays()
    {
        // Every start from just before Christmas to after New Year, at 13:00 Amsterdam time.
        for (var day = new DateOnly(2024, 12, 20); day <= new DateOnly(2025, 1, 10); day = day.AddDays(1))
        {
            var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(13, 0)), TimeSpan.FromHours(1));
            for (int days = 0; days <= 6; days++)
            {
                var end = DateOnly.FromDateTime(Calendar.AddWorkingDays(start, days).DateTime);
                Calendar.WorkingDaysBetween(day, end).Should().Be(days, "from {0} plus {1} working days", day, days);
            }
        }
    }
}
