using System.Globalization;

namespace IntegrationHub.Hub.Audit;

/// <summary>
/// A half-open period [From, To) of recording times. A bare date (2026-03-01) is midnight UTC; a time
/// without an offset is UTC too, so the same arguments export the same entries wherever they are run.
/// </summary>
public sealed record AuditPeriod(DateTimeOffset From, DateTimeOffset To)
{
    public static bool TryParse(string? from, string? to, out AuditPeriod period, out string error)
    {
        period = new AuditPeriod(default, default);
        if (!TryParseInstant(from, out var start))
        {
            error = $"from '{from}' is not an ISO-8601 date or date-time";
            return false;
        }
        if (!TryParseInstant(to, out var end))
        {
            error = $"to '{to}' is not an ISO-8601 date or date-time";
            return false;
        }
        if (end <= start)
        {
            error = $"to ({end:O}) must be after from ({start:O})";
            return false;
        }
        period = new AuditPeriod(start, end);
        error = "";
        return true;
    }

    static bool TryParseInstant(string? text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
}
