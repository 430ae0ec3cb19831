using IntegrationHub.Hub.Calendar;
using static IntegrationHub.Tests.Calendar.CalendarTime;

namespace IntegrationHub.Tests.Calendar;

public class AddWorkingDaysTests
{
    static readonly WorkingDayCalendar Calendar = new(CalendarOptions.Default);

    // BeExactly checks the offset as well as the instant: the result must carry Amsterdam's offset.
    [Theory]
    // Easter 2026: Fri 3 Apr is day 1 (Good Friday is a working day by default), Mon 6 Apr is Easter Monday,
    // Tue 7 Apr is day 2.
    [InlineData("2026-04-02T10:00+02:00", 2, "2026-04-07T10:00+02:00")]
    // Christmas 2024: Wed 25 and Thu 26 are off; Fri 27, Mon 30, Tue 31 count; Wed 1 Jan is off.
    [InlineData("2024-12-24T14:00+01:00", 3, "2024-12-31T14:00+01:00")]
    [InlineData("2024-12-24T14:00+01:00", 4, "2025-01-02T14:00+01:00")]
    // King's Day 2026 is Monday 27 April.
    [InlineData("2026-04-24T09:00+02:00", 1, "2026-04-28T09:00+02:00")]
    // King's Day 2027 is Tuesday 27 April.
    [InlineData("2027-04-26T16:45+02:00", 1, "2027-04-28T16:45+02:00")]
    // Saturday: the count starts when the offices open (09:00 by default) on Monday 15 June.
    [InlineData("2026-06-13T15:30+02:00", 0, "2026-06-15T09:00+02:00")]
    [InlineData("2026-06-13T15:30+02:00", 1, "2026-06-16T09:00+02:00")]
    // Easter Monday: the count starts when the offices open on Tuesday 7 April.
    [InlineData("2026-04-06T11:00+02:00", 0, "2026-04-07T09:00+02:00")]
    [InlineData("2026-04-06T11:00+02:00", 1, "2026-04-08T09:00+02:00")]
    // Ordinary week: Thursday + 1 is Friday, + 2 skips the weekend.
    [InlineData("2026-06-11T08:00+02:00", 1, "2026-06-12T08:00+02:00")]
    [InlineData("2026-06-11T08:00+02:00", 2, "2026-06-15T08:00+02:00")]
    public void Adds_working_days_on_amsterdam_wall_clock_time(string start, int days, string expected) =>
        Calendar.AddWorkingDays(At(start), days).Should().BeExactly(At(expected));

    [Fact]
    public void Zero_days_on_a_working_day_returns_the_same_instant_in_amsterdam_time() =>
        Calendar.AddWorkingDays(At("2026-06-11T06:00Z"), 0).Should().BeExactly(At("2026-06-11T08:00+02:00"));

    [Fact]
    public void The_day_is_taken_from_amsterdam_time_not_from_the_offset_given()
    {
        // 23:30 UTC on Thursday is already 01:30 on Friday in Amsterdam; Friday + 1 skips Easter Monday.
        Calendar.AddWorkingDays(At("2026-04-02T23:30Z"), 1).Should().BeExactly(At("2026-04-07T01:30+02:00"));

        // 22:30 UTC on Friday 12 June is 00:30 on Saturday in Amsterdam: the count starts when the offices open on Monday.
        Calendar.AddWorkingDays(At("2026-06-12T22:30Z"), 0).Should().BeExactly(At("2026-06-15T09:00+02:00"));
    }

    [Fact]
    public void Good_friday_option_makes_easter_one_day_longer()
    {
        var calendar = new WorkingDayCalendar(new CalendarOptions { GoodFriday = true });

        // Fri 3 and Mon 6 April are off: Tue 7 is day 1, Wed 8 is day 2.
        calendar.AddWorkingDays(At("2026-04-02T10:00+02:00"), 2).Should().BeExactly(At("2026-04-08T10:00+02:00"));
    }

    [Fact]
    public void Extra_closing_days_are_skipped()
    {
        var calendar = new WorkingDayCalendar(new CalendarOptions { ExtraClosingDays = [new DateOnly(2024, 12, 27)] });

        // Fri 27 December closed: Mon 30, Tue 31, Thu 2 January.
        calendar.AddWorkingDays(At("2024-12-24T14:00+01:00"), 3).Should().BeExactly(At("2025-01-02T14:00+01:00"));
        calendar.IsWorkingDay(new DateOnly(2024, 12, 27)).Should().BeFalse();
        Calendar.IsWorkingDay(new DateOnly(2024, 12, 27)).Should().BeTrue();
    }

    [Fact]
    public void Negative_days_are_rejected() =>
        FluentActions.Invoking(() => Calendar.AddWorkingDays(At("2026-06-11T08:00+02:00"), -1))
            .Should().Throw<ArgumentOutOfRangeException>();
}
