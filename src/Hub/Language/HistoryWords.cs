using System.Globalization;
using System.Text.RegularExpressions;

namespace IntegrationHub.Hub.Language;

/// <summary>
/// The hub's own words in a handover's history and its addressees, as a person reads them. The record keeps them as
/// written ("level 1 (receipt)", "team-lead at bjz-noord-brabant": API.md's values, unchanged for the agencies' systems);
/// a person reads them from the catalog in their language, times in Europe/Amsterdam. The CLI applies these rules here;
/// the dashboard gets the same rules in its page (<see cref="ForScript"/>), so both read them alike.
/// An agency's own words (a note, a reason) pass through as they came; a detail no rule knows is shown unchanged.
/// </summary>
public static class HistoryWords
{
    /// <summary>A detail the hub writes for <paramref name="Event"/>, and the catalog text a person reads instead.
    /// Named groups are the text's arguments in order; some are read first: deadline (its word), utc (to Amsterdam time), bound (the parties a decision binds).</summary>
    public sealed record Rule(string Event, string Pattern, string Key);

    public static readonly IReadOnlyList<Rule> Rules =
    [
        new("submitted", @"^re-routes handover (?<id>\S+)$", "detail.reroutes"),
        new("delivered", @"^to (?<agency>\S+)$", "detail.to"),
        new("accepted-waiting", @"^care expected from (?<date>\d\d-\d\d-\d{4}): (?<text>.*)$", "detail.expected"),
        new("rejected", @"^(?<text>.*) \(suggested: (?<agency>\S+)\)$", "detail.suggested"),
        new("rerouted", @"^to (?<agency>\S+) \(handover (?<id>\S+)\)$", "detail.reroutedTo"),
        new("transition-plan-needed", @"^the child turns 18 within six months with care still open$", "detail.turns18"),
        new("escalation-raised", @"^level (?<level>\d+) on request \((?<text>.*)\)$", "detail.levelOnRequest"),
        new("escalation-raised", @"^level (?<level>\d+) \((?<deadline>[a-z-]+)\)$", "detail.level"),
        new("escalation-resolved", @"^level (?<level>\d+) \((?<deadline>[a-z-]+)\)$", "detail.level"),
        new("acknowledgement-overdue", @"^level (?<level>\d+) \((?<deadline>[a-z-]+)\)$", "detail.level"),
        new("escalation-acknowledged", @"^level (?<level>\d+) \((?<text>.*)\)$", "detail.level"),
        new("decision", @"^by (?<agency>\S+), binding (?<bound>.*)$", "detail.decision"),
        new("compliance-overdue", @"^decision by (?<agency>\S+)$", "detail.decisionBy"),
        new("deadline-missed", @"^(?<deadline>[a-z-]+) was due (?<utc>\d{4}-\d\d-\d\d \d\d:\d\d \(UTC[+-]\d\d:\d\d\))$", "detail.wasDue"),
    ];

    /// <summary>An addressee as the record names it: role, agency, and the person's name when the covenant gives one.</summary>
    public const string AddresseePattern = @"^(?<role>[a-z-]+) at (?<agency>\S+)(?: \((?<name>.*)\))?$";

    /// <summary>One party a decision binds: "{agency} by dd-MM-yyyy".</summary>
    public const string BoundPattern = @"^(?<agency>\S+) by (?<date>\d\d-\d\d-\d{4})$";

    /// <summary>What the dashboard's script applies (common.js): the same patterns, as JavaScript reads them.</summary>
    public static object ForScript => new { rules = Rules.Select(r => new { @event = r.Event, pattern = r.Pattern, key = r.Key }), addressee = AddresseePattern, bound = BoundPattern };

    static readonly TextCatalog Catalog = TextCatalog.Instance;

    public static string? Detail(string @event, string? detail, string language)
    {
        if (detail is null)
            return null;
        foreach (var rule in Rules.Where(r => r.Event == @event))
        {
            var match = Regex.Match(detail, rule.Pattern, RegexOptions.CultureInvariant);
            if (!match.Success)
                continue;
            var args = match.Groups.Values.Skip(1).Select(g => Argument(g.Name, g.Value, language)).ToArray<object?>();
            return Catalog.Format(rule.Key, language, args);
        }
        return detail;
    }

    public static string Addressee(string addressee, string language)
    {
        var m = Regex.Match(addressee, AddresseePattern, RegexOptions.CultureInvariant);
        if (!m.Success)
            return addressee;
        var role = Word("role.", m.Groups["role"].Value, language);
        return m.Groups["name"].Success
            ? Catalog.Format("js.addresseeNamed", language, role, m.Groups["agency"].Value, m.Groups["name"].Value)
            : Catalog.Format("js.addressee", language, role, m.Groups["agency"].Value);
    }

    public static string Addressees(IEnumerable<string> addressees, string language) => string.Join("; ", addressees.Select(a => Addressee(a, language)));

    static string Argument(string group, string value, string language) => group switch
    {
        "deadline" => Word("deadline.", value, language),
        "utc" => DateTimeOffset.TryParseExact(value.Replace(" (UTC", " ", StringComparison.Ordinal).TrimEnd(')'), "yyyy-MM-dd HH:mm zzz",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? PeopleTime.DateTime(at) : value,
        "bound" => string.Join(", ", value.Split(", ").Select(p => Regex.Match(p, BoundPattern, RegexOptions.CultureInvariant) is { Success: true } b
            ? Catalog.Format("detail.bound", language, b.Groups["agency"].Value, b.Groups["date"].Value) : p)),
        _ => value,
    };

    static string Word(string prefix, string code, string language) => Catalog.Get(prefix + code, language) is var word && word != prefix + code ? word : code;
}
