using IntegrationHub.Hub.Calendar;
using static IntegrationHub.Tests.Calendar.CalendarTime;

namespace IntegrationHub.Tests.Calendar;

public class DeadlineSpanTests
{
    static readonly WorkingDayCalendar Calendar = new(CalendarOptions.Default);

    public static TheoryData<string, DeadlineSpan> ValidStrings() => new()
    {
        { "2 working days", DeadlineSpan.WorkingDays(2) },
        { "1 working day", DeadlineSpan.WorkingDays(1) },
        { "0 working days", DeadlineSpan.WorkingDays(0) },
        { "4 hours", DeadlineSpan.Hours(4) },
        { "48 hours", DeadlineSpan.Hours(48) },
        { "1 hour", DeadlineSpan.Hours(1) },
        { "1.5 hours", DeadlineSpan.Hours(1.5) },
        { "6 weeks", DeadlineSpan.WorkingDays(30) },
        { "1 week", DeadlineSpan.WorkingDays(5) },
        { "  10 Working  Days ", DeadlineSpan.WorkingDays(10) },
        { "2 HOURS", DeadlineSpan.Hours(2) },
    };

    [Theory]
    [MemberData(nameof(ValidStrings))]
    public void Parses_configuration_strings(string text, DeadlineSpan expected) =>
        DeadlineSpan.Parse(text).Should().Be(expected);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("two working days")]
    [InlineData("2 days")]
    [InlineData("2")]
    [InlineData("working days")]
    [InlineData("2hours")]
    [InlineData("-1 hours")]
    [InlineData("1,5 hours")]
    [InlineData("1.5 working days")]
    [InlineData("1.2.3 hours")]
    [InlineData("2 working days ago")]
    [InlineData("99999999999 working days")]
    [InlineData("500000000 weeks")]
    [InlineData("1e999 hours")]
    [InlineData("2 werkdagen")]
    public void Rejects_other_strings_naming_the_string_and_the_accepted_forms(string text) =>
        FluentActions.Invoking(() => DeadlineSpan.Parse(text)).Should().Throw<FormatException>()
            .Which.Message.Should().Contain($"'{text}'").And.Contain("'N working day(s)', 'N hour(s)' and 'N week(s)'");

    [Theory]
    [InlineData(0, "0 working days")]
    [InlineData(1, "1 working day")]
    [InlineData(2, "2 working days")]
    public void Working_days_print_in_configuration_form(int days, string expected) =>
        DeadlineSpan.WorkingDays(days).ToString().Should().Be(expected);

    [Theory]
    [InlineData(1, "1 hour")]
    [InlineData(48, "48 hours")]
    [InlineData(1.5, "1.5 hours")]
    [InlineData(0.1, "0.1 hours")]
    [InlineData(1e-7, "1E-07 hours")]
    public void Hours_print_in_configuration_form(double hours, string expected) =>
        DeadlineSpan.Hours(hours).ToString().Should().Be(expected);

    [Theory]
    [MemberData(nameof(ValidStrings))]
    public void Printing_and_parsing_round_trips(string text, DeadlineSpan span) =>
        DeadlineSpan.Parse(DeadlineSpan.Parse(text).ToString()).Should().Be(span);

    [Fact]
    public void Hours_that_need_every_digit_round_trip()
    {
        var span = DeadlineSpan.Hours(1.0 / 3);
        DeadlineSpan.Parse(span.ToString()).Should().Be(span);
        DeadlineSpan.Hours(-0.0).ToString().Should().Be("0 hours");
    }

    [Fact]
    public void Weeks_read_back_as_working_days() =>
        DeadlineSpan.Parse("6 weeks").ToString().Should().Be("30 working days");

    [Fact]
    public void Exposes_which_kind_of_span_it_is()
    {
        DeadlineSpan.Parse("3 working days").Should().BeOfType<DeadlineSpan.InWorkingDays>().Which.Days.Should().Be(3);
        DeadlineSpan.Parse("4 hours").Should().BeOfType<DeadlineSpan.InClockHours>().Which.TotalHours.Should().Be(4);
        DeadlineSpan.WorkingDays(3).Should().NotBe(DeadlineSpan.Hours(3));
    }

    [Fact]
    public void Working_days_are_added_on_the_calendar_and_hours_as_elapsed_time()
    {
        var thursdayBeforeEaster = At("2026-04-02T10:00+02:00");

        DeadlineSpan.WorkingDays(2).AddTo(thursdayBeforeEaster, Calendar).Should().BeExactly(At("2026-04-07T10:00+02:00"));
        DeadlineSpan.Hours(48).AddTo(thursdayBeforeEaster, Calendar).Should().BeExactly(At("2026-04-04T10:00+02:00"));
        DeadlineSpan.Parse("1 week").AddTo(thursdayBeforeEaster, Calendar).Should().BeExactly(At("2026-04-10T10:00+02:00"));
    }

    [Fact]
    public void Factories_reject_negative_and_non_finite_lengths()
    {
        FluentActions.Invoking(() => DeadlineSpan.WorkingDays(-1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => DeadlineSpan.Hours(-0.5)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => DeadlineSpan.Hours(double.NaN)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => DeadlineSpan.Hours(double.PositiveInfinity)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
