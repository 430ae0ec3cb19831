using IntegrationHub.Hub.Calendar;
using static IntegrationHub.Tests.Calendar.CalendarTime;

namespace IntegrationHub.Tests.Calendar;

// Dutch DST switches happen on the last Sunday of March and October, at 02:00 / 03:00 local time.
public class DaylightSavingTests
{
    static readonly WorkingDayCalendar Calendar = new(CalendarOptions.Default);

    [Theory]
    // Spring forward on Sun 29 March 2026: 09:00 stays 09:00, so only 71 hours pass.
    [InlineData("2026-03-27T09:00+01:00", 1, "2026-03-30T09:00+02:00")]
    // Fall back on Sun 25 October 2026: 09:00 stays 09:00, so 73 hours pass.
    [InlineData("2026-10-23T09:00+02:00", 1, "2026-10-26T09:00+01:00")]
    // Starting on the switch Sunday itself: the count starts when the offices open on Monday, in the new offset.
    [InlineData("2026-03-29T09:00+02:00", 0, "2026-03-30T09:00+02:00")]
    [InlineData("2026-10-25T02:30+01:00", 1, "2026-10-27T09:00+01:00")]
    public void Working_days_keep_the_local_time_of_day_across_a_switch(string start, int days, string expected) =>
        Calendar.AddWorkingDays(At(start), days).Should().BeExactly(At(expected));

    [Theory]
    // 24 elapsed hours across spring-forward read 13:00 on the wall clock.
    [InlineData("2026-03-28T12:00+01:00", 24, "2026-03-29T13:00+02:00")]
    // ... and across fall-back 11:00.
    [InlineData("2026-10-24T12:00+02:00", 24, "2026-10-25T11:00+01:00")]
    // Clock hours run through weekends and holidays: Thursday before Easter + 48 h is Saturday.
    [InlineData("2026-04-02T10:00+02:00", 48, "2026-04-04T10:00+02:00")]
    [InlineData("2026-04-02T08:00Z", 1.5, "2026-04-02T11:30+02:00")]
    [InlineData("2026-04-02T10:00+02:00", 0, "2026-04-02T10:00+02:00")]
    public void Clock_hours_are_elapsed_time(string start, double hours, string expected) =>
        Calendar.AddClockHours(At(start), hours).Should().BeExactly(At(expected));

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Clock_hours_must_be_finite_and_not_negative(double hours) =>
        FluentActions.Invoking(() => Calendar.AddClockHours(At("2026-04-02T10:00+02:00"), hours))
            .Should().Throw<ArgumentOutOfRangeException>();

    // AddWorkingDays never lands on a Sunday, so the gap and the repeated hour are tested on the helper.
    [Fact]
    public void A_wall_clock_time_in_the_spring_forward_gap_moves_to_the_first_valid_instant() =>
        AmsterdamTime.FromLocal(new DateTime(2026, 3, 29, 2, 30, 0)).Should().BeExactly(At("2026-03-29T03:00+02:00"));

    [Fact]
    public void A_wall_clock_time_in_the_repeated_autumn_hour_takes_the_first_occurrence() =>
        AmsterdamTime.FromLocal(new DateTime(2026, 10, 25, 2, 30, 0)).Should().BeExactly(At("2026-10-25T02:30+02:00"));

    [Fact]
    public void An_ordinary_wall_clock_time_gets_the_offset_of_its_season()
    {
        AmsterdamTime.FromLocal(new DateTime(2026, 1, 15, 9, 0, 0)).Should().BeExactly(At("2026-01-15T09:00+01:00"));
        AmsterdamTime.FromLocal(new DateTime(2026, 7, 15, 9, 0, 0)).Should().BeExactly(At("2026-07-15T09:00+02:00"));
    }
}
