using System.Globalization;

namespace IntegrationHub.Hub.Calendar;

/// <summary>
/// The length of a statutory or covenant deadline (termijn): either working days or clock hours.
/// Match on <see cref="InWorkingDays"/> or <see cref="InClockHours"/> to see which.
/// </summary>
public abstract partial record DeadlineSpan
{
    private protected DeadlineSpan() { }

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative.</exception>
    public static DeadlineSpan WorkingDays(int days) => new InWorkingDays(days);

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hours"/> is negative, NaN or infinite.</exception>
    public static DeadlineSpan Hours(double hours) => new InClockHours(hours);

    /// <summary>The deadline for something that starts at <paramref name="start"/>.</summary>
    public abstract DateTimeOffset AddTo(DateTimeOffset start, WorkingDayCalendar calendar);

    /// <summary>The configuration form, e.g. "2 working days" or "1.5 hours"; <see cref="Parse"/> reads it back.</summary>
    public abstract override string ToString();

    /// <summary>A deadline in working days (werkdagen), counted by <see cref="WorkingDayCalendar.AddWorkingDays"/>.</summary>
    public sealed record InWorkingDays : DeadlineSpan
    {
        internal InWorkingDays(int days)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(days);
            Days = days;
        }

        public int Days { get; }

        public override DateTimeOffset AddTo(DateTimeOffset start, WorkingDayCalendar calendar)
        {
            ArgumentNullException.ThrowIfNull(calendar);
            return calendar.AddWorkingDays(start, Days);
        }

        public override string ToString() => Days == 1 ? "1 working day" : $"{Days} working days";
    }

    /// <summary>A deadline in clock hours (klokuren): elapsed time, blind to weekends and holidays.</summary>
    public sealed record InClockHours : DeadlineSpan
    {
        internal InClockHours(double hours)
        {
            if (!double.IsFinite(hours) || hours < 0)
                throw new ArgumentOutOfRangeException(nameof(hours), hours, "clock hours must be a finite number >= 0");
            TotalHours = hours == 0 ? 0 : hours; // no "-0 hours"
        }

        // Not "Hours": that would hide the inherited factory DeadlineSpan.Hours(double).
        public double TotalHours { get; }

        public override DateTimeOffset AddTo(DateTimeOffset start, WorkingDayCalendar calendar)
        {
            ArgumentNullException.ThrowIfNull(calendar);
            return calendar.AddClockHours(start, TotalHours);
        }

        // double formats to its shortest round-trippable form, so Parse gets the exact value back.
        public override string ToString() =>
            TotalHours == 1 ? "1 hour" : $"{TotalHours.ToString(CultureInfo.InvariantCulture)} hours";
    }
}
