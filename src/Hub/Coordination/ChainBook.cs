using System.Text.Json;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Hub.Calendar;

namespace IntegrationHub.Hub.Coordination;

/// <summary>
/// The regions of the chain around the child (Hub:Chain:Path, else the embedded demo-chain.json): which
/// municipalities each covers, its coordination table, which agency plays each role in it, its chain office, and
/// its terms (docs/chain.md). Checked against the agency directory when loaded.
/// </summary>
public sealed class ChainBook
{
    ChainBook(IReadOnlyList<ChainRegion> regions, IReadOnlyDictionary<string, CoordinationTable> tables)
    {
        Regions = regions;
        Tables = tables;
        Default = regions.Single(r => r.IsDefault);
    }

    public IReadOnlyList<ChainRegion> Regions { get; }
    public IReadOnlyDictionary<string, CoordinationTable> Tables { get; }
    public ChainRegion Default { get; }

    public ChainRegion Region(string name) => Regions.FirstOrDefault(r => r.Name == name) ?? Default;

    /// <summary>The region that covers a municipality, else the default region.</summary>
    public ChainRegion ForMunicipality(string municipality) =>
        Regions.FirstOrDefault(r => r.Municipalities.Contains(municipality)) ?? Default;

    public static ChainBook LoadDemo(AgencyDirectory directory)
    {
        using var stream = typeof(ChainBook).Assembly.GetManifestResourceStream("IntegrationHub.Hub.Coordination.demo-chain.json")
            ?? throw new InvalidOperationException("demo chain resource is missing from the build");
        return Load(stream, "the embedded demo chain", directory);
    }

    public static ChainBook LoadFile(string path, AgencyDirectory directory)
    {
        if (!File.Exists(path))
            throw new ChainConfigurationException($"chain file '{path}' does not exist");
        using var stream = File.OpenRead(path);
        return Load(stream, path, directory);
    }

    public static ChainBook Load(Stream json, string source, AgencyDirectory directory)
    {
        ChainFile file;
        try
        {
            file = JsonSerializer.Deserialize<ChainFile>(json, Options) ?? throw new ChainConfigurationException($"{source}: empty");
        }
        catch (JsonException e)
        {
            throw new ChainConfigurationException($"{source}: not valid JSON at {e.Path}: {e.Message}");
        }
        if (file.Tables is not { Count: > 0 })
            throw new ChainConfigurationException($"{source}: /tables must hold at least one coordination table");
        var tables = file.Tables.ToDictionary(t => t.Key, t => Table(t.Key, t.Value, $"{source}: /tables/{t.Key}"));
        if (file.Regions is not { Count: > 0 })
            throw new ChainConfigurationException($"{source}: /regions must list at least one region");
        var defaults = Terms(file.Terms, new ChainTerms(), $"{source}: /terms");
        var regions = new List<ChainRegion>();
        for (var i = 0; i < file.Regions.Count; i++)
            regions.Add(Region(file.Regions[i], tables, defaults, directory, $"{source}: /regions/{i}"));
        if (regions.Count(r => r.IsDefault) != 1)
            throw new ChainConfigurationException($"{source}: /regions: exactly one region is the default (\"default\": true)");
        var names = regions.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1);
        if (names is not null)
            throw new ChainConfigurationException($"{source}: /regions: region '{names.Key}' appears twice");
        var municipality = regions.SelectMany(r => r.Municipalities.Select(m => (m, r.Name))).GroupBy(x => x.m).FirstOrDefault(g => g.Count() > 1);
        if (municipality is not null)
            throw new ChainConfigurationException($"{source}: /regions: municipality '{municipality.Key}' is in more than one region");
        return new ChainBook(regions, tables);
    }

    static CoordinationTable Table(string name, TableEntry entry, string at)
    {
        if (entry.Rules is not { Count: > 0 })
            throw new ChainConfigurationException($"{at}/rules: a table needs at least one rule");
        var rules = new List<CoordinationRule>();
        for (var i = 0; i < entry.Rules.Count; i++)
        {
            var r = entry.Rules[i];
            var ruleAt = $"{at}/rules/{i}";
            if (string.IsNullOrWhiteSpace(r.Name))
                throw new ChainConfigurationException($"{ruleAt}/name is required");
            CoordinatorChoice? choice = null;
            if (r.Coordinator is { ValueKind: JsonValueKind.String } none)
            {
                if (none.GetString() != "none")
                    throw new ChainConfigurationException($"{ruleAt}/coordinator: a string must be \"none\"; otherwise an object with involvedKind and/or role");
            }
            else if (r.Coordinator is { ValueKind: JsonValueKind.Object } o)
            {
                choice = o.Deserialize<CoordinatorChoice>(Options)!;
                if (choice.InvolvedKind is null && choice.Role is null)
                    throw new ChainConfigurationException($"{ruleAt}/coordinator: names an involvedKind, a role, or both");
                if (choice.InvolvedKind is { } kind && !AgencyKinds.All.Contains(kind))
                    throw new ChainConfigurationException($"{ruleAt}/coordinator/involvedKind: '{kind}' is not an agency kind");
            }
            else
                throw new ChainConfigurationException($"{ruleAt}/coordinator is required: \"none\" or an object");
            var when = r.When ?? new RuleCondition();
            if (when.InvolvedKind is { } k && !AgencyKinds.All.Contains(k))
                throw new ChainConfigurationException($"{ruleAt}/when/involvedKind: '{k}' is not an agency kind");
            rules.Add(new CoordinationRule(r.Name, when, choice, r.PlanWithin is { } p ? Span(p, $"{ruleAt}/planWithin") : null));
        }
        return new CoordinationTable(name, entry.Source ?? "", rules);
    }

    static ChainRegion Region(RegionEntry entry, Dictionary<string, CoordinationTable> tables, ChainTerms defaults, AgencyDirectory directory, string at)
    {
        if (string.IsNullOrWhiteSpace(entry.Name))
            throw new ChainConfigurationException($"{at}/name is required");
        if (entry.Table is null || !tables.TryGetValue(entry.Table, out var table))
            throw new ChainConfigurationException($"{at}/table: '{entry.Table}' is not one of the tables ({string.Join(", ", tables.Keys)})");
        if (entry.ChainOffice is null || !directory.Contains(entry.ChainOffice))
            throw new ChainConfigurationException($"{at}/chainOffice: '{entry.ChainOffice}' is not in the agency directory");
        var roles = entry.Roles ?? [];
        foreach (var (role, agency) in roles)
            if (!directory.Contains(agency))
                throw new ChainConfigurationException($"{at}/roles/{role}: agency '{agency}' is not in the agency directory");
        foreach (var rule in table.Rules)
            if (rule.Coordinator is { Role: { } role } && !roles.ContainsKey(role))
                throw new ChainConfigurationException($"{at}/roles: the table '{table.Name}' (rule '{rule.Name}') needs an agency for role '{role}'");
        return new ChainRegion(entry.Name, entry.Default ?? false, (entry.Municipalities ?? []).ToHashSet(StringComparer.Ordinal), table,
            entry.ChainOffice, roles, Terms(entry.Terms, defaults, $"{at}/terms"));
    }

    static ChainTerms Terms(TermsEntry? entry, ChainTerms fallback, string at)
    {
        if (entry is null)
            return fallback;
        var terms = new ChainTerms
        {
            SignalActiveMonths = entry.SignalActiveMonths ?? fallback.SignalActiveMonths,
            SignalVisibleMonths = entry.SignalVisibleMonths ?? fallback.SignalVisibleMonths,
            MatchContact = entry.MatchContact is { } mc ? Span(mc, $"{at}/matchContact") : fallback.MatchContact,
            MatchReminder = entry.MatchReminder is { } mr ? Span(mr, $"{at}/matchReminder") : fallback.MatchReminder,
            CoordinatorAccept = entry.CoordinatorAccept is { } ca ? Span(ca, $"{at}/coordinatorAccept") : fallback.CoordinatorAccept,
            PlanDue = entry.PlanDue is { } pd ? Span(pd, $"{at}/planDue") : fallback.PlanDue,
            PlanReview = entry.PlanReview is { } pr ? Span(pr, $"{at}/planReview") : fallback.PlanReview,
            SignalsForCoordination = entry.SignalsForCoordination ?? fallback.SignalsForCoordination,
        };
        if (terms.SignalActiveMonths < 1 || terms.SignalVisibleMonths < terms.SignalActiveMonths)
            throw new ChainConfigurationException($"{at}: signalActiveMonths is at least 1 and signalVisibleMonths at least signalActiveMonths");
        if (terms.SignalsForCoordination < 2)
            throw new ChainConfigurationException($"{at}/signalsForCoordination is at least 2");
        return terms;
    }

    static DeadlineSpan Span(string text, string at)
    {
        try
        {
            return DeadlineSpan.Parse(text);
        }
        catch (FormatException e)
        {
            throw new ChainConfigurationException($"{at}: {e.Message}");
        }
    }

    static readonly JsonSerializerOptions Options = new(HubJson.Options) { PropertyNameCaseInsensitive = true };

    sealed record ChainFile(Dictionary<string, TableEntry>? Tables, List<RegionEntry>? Regions, TermsEntry? Terms);

    sealed record TableEntry(string? Source, List<RuleEntry>? Rules);

    sealed record RuleEntry(string? Name, RuleCondition? When, JsonElement? Coordinator, string? PlanWithin);

    sealed record RegionEntry(string? Name, bool? Default, List<string>? Municipalities, string? Table, string? ChainOffice,
        Dictionary<string, string>? Roles, TermsEntry? Terms);

    sealed record TermsEntry(int? SignalActiveMonths, int? SignalVisibleMonths, string? MatchContact, string? MatchReminder,
        string? CoordinatorAccept, string? PlanDue, string? PlanReview, int? SignalsForCoordination);
}

/// <summary>One region of the chain (e.g. Hart van Brabant): municipalities, its table and the agencies in its roles.</summary>
public sealed record ChainRegion(string Name, bool IsDefault, IReadOnlySet<string> Municipalities, CoordinationTable Table, string ChainOffice,
    IReadOnlyDictionary<string, string> Roles, ChainTerms Terms);

/// <summary>A chain file that cannot be used; the message names the file, the JSON path and why.</summary>
public sealed class ChainConfigurationException(string message) : Exception(message);
