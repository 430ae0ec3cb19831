using System.Globalization;
using IntegrationHub.Hub.Calendar;

namespace IntegrationHub.Hub.Language;

/// <summary>Times as a person in the chain reads them: Europe/Amsterdam, dd-MM-yyyy HH:mm, with the day's short name in their language.</summary>
public static class PeopleTime
{
    public static string DateTime(DateTimeOffset at) => AmsterdamTime.ToLocal(at).ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    public static string WithDay(DateTimeOffset at, string language)
    {
        var local = AmsterdamTime.ToLocal(at);
        return $"{TextCatalog.Instance.Get($"cli.day.{(int)local.DayOfWeek}", language)} {local.ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture)}";
    }
}
