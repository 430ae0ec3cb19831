using System.Globalization;

namespace IntegrationHub.Tests.Calendar;

static class CalendarTime
{
    /// <summary>An instant written with its offset, e.g. "2026-04-02T10:00+02:00", so a test states both.</summary>
    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
}
