using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace IntegrationHub.Hub.Calendar;

/// <summary>
/// Working days (werkdagen) in the Europe/Amsterdam time zone: Monday to Friday, minus the Dutch public
/// holidays and the covenant's closing days. Immutable and safe to share between threads.
/// </summary>
public sealed class WorkingDayCalendar
{
    readonly CalendarOptions _options;
    readonly ILookup<int, DateOnly> _closingDaysByYear;
    readonly ConcurrentDictionary<int, FrozenSet<DateOnly>> _daysOffByYear = new();

    public WorkingDayCalendar(CalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.ExtraClosingDays, nameof(options.ExtraClosingDays));
        _options = options;
        // Copied, so a caller mutating the list it passed in cannot change the calendar afterwards.
        _closingDaysByYear = options.ExtraClosingDays.ToArray().ToLookup(day => day.Year);
    }

    public CalendarOptions Options => _options;

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !DaysOff(date.Year).Contains(date);

    /// <summary>
    /// Adds <paramref name="days"/> working days to <paramref name="start"/>, on Dutch wall-clock time:
    /// <list type="number">
    /// <item>Convert <paramref name="start"/> to Amsterdam local time.</item>
    /// <item>If that day is not a working day, the count starts at 00:00 of the next working day
    /// (a message received on Saturday afternoon counts as received on Monday morning).</item>
    /// <item>Move forward <paramref name="days"/> working days, keeping the local time of day.</item>
    /// <item>Return that wall-clock time with the Amsterdam offset valid on that day, so 09:00 stays 09:00
    /// across a DST switch. A wall-clock time inside the spring-forward gap moves forward to the first valid
    /// instant; one in the repeated autumn hour takes the first occurrence. (Dutch transitions fall on
    /// Sundays, which are never working days, so this only matters defensively.)</item>
    /// </list>
    /// <paramref name="days"/> = 0 returns the normalised start: the same instant if it is on a working day.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative.</exception>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var local = AmsterdamTime.ToLocal(start);
        var date = DateOnly.FromDateTime(local.DateTime);
        var timeOfDay = TimeOnly.FromDateTime(local.DateTime);
        if (!IsWorkingDay(date))
        {
            // Counted from a day off: the clock starts when the offices open on the next working day.
            date = NextWorkingDay(date);
            timeOfDay = _options.OfficeOpens;
        }
        else if (days == 0)
        {
            return local;
        }
        for (int i = 0; i < days; i++)
            date = NextWorkingDay(date);
        return AmsterdamTime.FromLocal(date.ToDateTime(timeOfDay));
    }

    /// <summary>
    /// Adds elapsed time: clock hours (klokuren) run through nights, weekends and holidays, and a DST switch
    /// makes the wall clock jump. The result carries the Amsterdam offset.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hours"/> is negative, NaN or infinite.</exception>
    public DateTimeOffset AddClockHours(DateTimeOffset start, double hours)
    {
        if (!double.IsFinite(hours) || hours < 0)
            throw new ArgumentOutOfRangeException(nameof(hours), hours, "clock hours must be a finite number >= 0");
        return AmsterdamTime.ToLocal(start + TimeSpan.FromHours(hours));
    }

    /// <summary>
    /// The number of working days in [<paramref name="from"/>, <paramref name="to"/>): <paramref name="from"/>
    /// counts, <paramref name="to"/> does not, and it is negative when <paramref name="to"/> lies before
    /// <paramref name="from"/>. Half-open so that it undoes <see cref="AddWorkingDays"/>: the date of
    /// AddWorkingDays(start, n) lies n working days from the date of start, also when start is not a working day.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
            return -WorkingDaysBetween(to, from);
        int count = 0;
        for (var day = from; day < to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
                count++;
        }
        return count;
    }

    /// <summary>
    /// Elapsed working time between two instants, in working days: each working day counts for the part of its 24
    /// Amsterdam hours that lies between them, other days count nothing. Monday 09:00 to Wednesday 09:00 is 2;
    /// Friday 09:00 to Monday 09:00 is 1. Lead times (doorlooptijden) in working days are measured this way.
    /// </summary>
    public double WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
            return -WorkingDaysBetween(to, from);
        var start = AmsterdamTime.ToLocal(from);
        var end = AmsterdamTime.ToLocal(to);
        var first = DateOnly.FromDateTime(start.DateTime);
        var last = DateOnly.FromDateTime(end.DateTime);
        double FractionOfDay(DateTimeOffset local) => local.TimeOfDay.TotalHours / 24;
        if (first == last)
            return IsWorkingDay(first) ? FractionOfDay(end) - FractionOfDay(start) : 0;
        var days = (IsWorkingDay(first) ? 1 - FractionOfDay(start) : 0) + (IsWorkingDay(last) ? FractionOfDay(end) : 0);
        return days + WorkingDaysBetween(first.AddDays(1), last);
    }

    /// <summary>The office opening (<see cref="CalendarOptions.OfficeOpens"/>) on <paramref name="date"/>, or on the next working day after it.</summary>
    public DateTimeOffset OfficeOpening(DateOnly date)
    {
        if (!IsWorkingDay(date))
            date = NextWorkingDay(date);
        return AmsterdamTime.FromLocal(date.ToDateTime(_options.OfficeOpens));
    }

    DateOnly NextWorkingDay(DateOnly date)
    {
        do
            date = date.AddDays(1);
        while (!IsWorkingDay(date));
        return date;
    }

    FrozenSet<DateOnly> DaysOff(int year) =>
        _daysOffByYear.GetOrAdd(year, static (y, self) => self.BuildDaysOff(y), this);

    FrozenSet<DateOnly> BuildDaysOff(int year) =>
        DutchPublicHolidays.For(year, _options)
            .Select(holiday => holiday.Date)
            .Concat(_closingDaysByYear[year])
            .ToFrozenSet();
}
