using System.Globalization;
using System.Text.RegularExpressions;

namespace IntegrationHub.Hub.Calendar;

public abstract partial record DeadlineSpan
{
    const int WorkingDaysPerWeek = 5;

    const string AcceptedForms =
        "accepted forms are 'N working day(s)', 'N hour(s)' and 'N week(s)', where N is a whole number >= 0 "
        + "(hours may have a fraction with a '.', e.g. '1.5 hours')";

    /// <summary>
    /// Reads a deadline from configuration: "2 working days", "1 working day", "4 hours", "1.5 hours",
    /// "6 weeks". Case and surrounding whitespace do not matter; singular and plural are both accepted.
    /// A week counts as 5 working days, not 168 clock hours: covenants that say "6 weeks" mean office weeks,
    /// so a holiday inside the period lengthens it. "6 weeks" therefore reads back as "30 working days".
    /// </summary>
    /// <exception cref="FormatException">The text is not one of the accepted forms; the message names it.</exception>
    public static DeadlineSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Form().Match(text);
        if (!match.Success)
            throw Invalid(text, null);
        var number = match.Groups["number"].Value;
        var unit = match.Groups["unit"].Value.ToLowerInvariant();

        if (unit.StartsWith("hour", StringComparison.Ordinal))
        {
            if (!double.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                    CultureInfo.InvariantCulture, out var hours) || !double.IsFinite(hours))
                throw Invalid(text, $"'{number}' is not a number of hours");
            return Hours(hours);
        }

        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw Invalid(text, $"'{number}' is not a whole number within range");
        if (unit.StartsWith("week", StringComparison.Ordinal))
        {
            if (count > int.MaxValue / WorkingDaysPerWeek)
                throw Invalid(text, $"{count} weeks is out of range");
            return WorkingDays(count * WorkingDaysPerWeek);
        }
        return WorkingDays(count);
    }

    static FormatException Invalid(string text, string? reason) =>
        new($"'{text}' is not a deadline length{(reason is null ? "" : $" ({reason})")}; {AcceptedForms}.");

    // The number is matched loosely and checked per unit, so the error can say what is wrong with it.
    [GeneratedRegex(@"^\s*(?<number>[0-9][0-9.eE+-]*)\s+(?<unit>working\s+days?|hours?|weeks?)\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Form();
}
