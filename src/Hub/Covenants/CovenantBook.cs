using System.Text.Json;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Hub.Calendar;

namespace IntegrationHub.Hub.Covenants;

/// <summary>
/// All covenants of the region: the region's default and the agreements between pairs of agencies.
/// Loaded from JSON (Hub:Covenants:Path, else the embedded demo) and checked against the directory.
/// </summary>
public sealed class CovenantBook
{
    readonly Dictionary<(string, string), Covenant> _byPair;

    CovenantBook(Covenant region, Dictionary<(string, string), Covenant> byPair)
    {
        Region = region;
        _byPair = byPair;
    }

    public Covenant Region { get; }

    /// <summary>The region's covenant and every pair's.</summary>
    public IEnumerable<Covenant> All => _byPair.Values.Prepend(Region);

    /// <summary>The covenant between two agencies, in either direction, else the region's default.</summary>
    public Covenant For(string sender, string receiver) => _byPair.GetValueOrDefault(Key(sender, receiver)) ?? Region;

    static (string, string) Key(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    public static CovenantBook LoadDemo(AgencyDirectory directory)
    {
        using var stream = typeof(CovenantBook).Assembly.GetManifestResourceStream("IntegrationHub.Hub.Covenants.demo-covenants.json")
            ?? throw new InvalidOperationException("demo covenants resource is missing from the build");
        return Load(stream, "the embedded demo covenants", directory);
    }

    public static CovenantBook LoadFile(string path, AgencyDirectory directory)
    {
        if (!File.Exists(path))
            throw new CovenantException($"covenants file '{path}' does not exist");
        using var stream = File.OpenRead(path);
        return Load(stream, path, directory);
    }

    public static CovenantBook Load(Stream json, string source, AgencyDirectory directory)
    {
        CovenantFile file;
        try
        {
            file = JsonSerializer.Deserialize<CovenantFile>(json, HubJson.Options) ?? throw new CovenantException($"{source}: empty");
        }
        catch (JsonException e)
        {
            throw new CovenantException($"{source}: not valid JSON at {e.Path}: {e.Message}");
        }
        if (file.Region is null)
            throw new CovenantException($"{source}: '/region' (the region's default covenant) is required");

        var region = Build(file.Region, null, $"{source}: /region", directory);
        var byPair = new Dictionary<(string, string), Covenant>();
        for (var i = 0; i < (file.Covenants?.Count ?? 0); i++)
        {
            var entry = file.Covenants![i];
            var at = $"{source}: /covenants/{i}";
            if (entry.Agencies is not { Count: 2 } pair || pair[0] == pair[1])
                throw new CovenantException($"{at}/agencies: a covenant is between exactly two different agencies");
            foreach (var id in pair)
                if (!directory.Contains(id))
                    throw new CovenantException($"{at}/agencies: agency '{id}' is not in the agency directory");
            if (!byPair.TryAdd(Key(pair[0], pair[1]), Build(entry, region, at, directory)))
                throw new CovenantException($"{at}/agencies: a covenant between {pair[0]} and {pair[1]} already exists");
        }
        return new CovenantBook(region, byPair);
    }

    static Covenant Build(CovenantEntry entry, Covenant? fallback, string at, AgencyDirectory directory)
    {
        try
        {
            var calendar = entry.Calendar is { } c
                ? new WorkingDayCalendar(new CalendarOptions
                {
                    GoodFriday = c.GoodFriday,
                    LiberationDayEveryYear = c.LiberationDayEveryYear,
                    ExtraClosingDays = c.ExtraClosingDays ?? [],
                    OfficeOpens = c.OfficeOpens ?? fallback?.Calendar.Options.OfficeOpens ?? new TimeOnly(9, 0),
                })
                : fallback?.Calendar ?? throw new CovenantException($"{at}/calendar is required");

            var deadlines = new Dictionary<string, IReadOnlyDictionary<string, DeadlineSpan>>(
                fallback?.Deadlines ?? new Dictionary<string, IReadOnlyDictionary<string, DeadlineSpan>>());
            foreach (var (kind, byUrgency) in entry.Deadlines ?? [])
                deadlines[kind] = byUrgency.ToDictionary(u => u.Key, u => Span(u.Value, $"{at}/deadlines/{kind}/{u.Key}"));
            // After a rejection or withdrawal the sender re-routes the child within (CHAIN.md §4; defaults, per covenant):
            deadlines.TryAdd("reroute", new Dictionary<string, DeadlineSpan>
            {
                ["regular"] = DeadlineSpan.WorkingDays(5), ["urgent"] = DeadlineSpan.WorkingDays(1), ["crisis"] = DeadlineSpan.Hours(4),
            });
            foreach (var kind in new[] { "receipt", "care-started", "reroute" })
                foreach (var urgency in new[] { "regular", "urgent", "crisis" })
                    if (!deadlines.TryGetValue(kind, out var d) || !d.ContainsKey(urgency))
                        throw new CovenantException($"{at}/deadlines/{kind}/{urgency} is required");

            var ladder = entry.Ladder is { } steps
                ? steps.Select((s, i) => Step(s, $"{at}/ladder/{i}", directory)).ToList()
                : fallback?.Ladder.ToList() ?? throw new CovenantException($"{at}/ladder is required");
            for (var i = 0; i < ladder.Count; i++)
                if (ladder[i].Level != i + 1)
                    throw new CovenantException($"{at}/ladder/{i}/level: levels must run 1, 2, 3 in order");

            if (ladder.Count > 0 && !ladder.Any(step => step.Binding))
                // Without a word on it, the top of the ladder (the alderman) cuts the knot (seed 001:3373-3384).
                ladder[^1] = ladder[^1] with { Binding = true };
            var acknowledgements = entry.AcknowledgementTerms is { } terms
                ? terms.ToDictionary(t => int.Parse(t.Key, System.Globalization.CultureInfo.InvariantCulture), t => Span(t.Value, $"{at}/acknowledgementTerms/{t.Key}"))
                : fallback?.AcknowledgementTerms.ToDictionary() ?? new Dictionary<int, DeadlineSpan> { [2] = DeadlineSpan.WorkingDays(1), [3] = DeadlineSpan.WorkingDays(2) };

            var purposes = entry.Purposes is { } table
                ? Purposes(table, $"{at}/purposes")
                : fallback?.Purposes ?? throw new CovenantException($"{at}/purposes is required (which receiver kinds may receive each purpose)");

            var retention = entry.Retention is { } r
                ? Terms(r, fallback?.Retention, $"{at}/retention")
                : fallback?.Retention ?? new Retention.RetentionTerms();

            return new Covenant
            {
                Name = entry.Name ?? "region",
                Retention = retention,
                Purposes = purposes,
                AcknowledgementTerms = acknowledgements,
                Calendar = calendar,
                Deadlines = deadlines,
                ProgressInterval = entry.ProgressInterval is { } p ? Span(p, $"{at}/progressInterval") : fallback?.ProgressInterval ?? DeadlineSpan.Parse("6 weeks"),
                DeliveryTerm = entry.DeliveryTerm is { } term ? Span(term, $"{at}/deliveryTerm") : fallback?.DeliveryTerm ?? DeadlineSpan.Parse("4 hours"),
                AftercarePlanMonthsBeforeEnd = entry.AftercarePlanMonthsBeforeEnd ?? fallback?.AftercarePlanMonthsBeforeEnd ?? 6,
                Signals = entry.Signals is { } signals
                    ? new CovenantSignals(signals.FromHandovers ?? fallback?.Signals.FromHandovers ?? false, signals.FromReceipts ?? fallback?.Signals.FromReceipts ?? false)
                    : fallback?.Signals ?? new CovenantSignals(),
                DuplicateWindow = entry.DuplicateWindow is { } window ? Span(window, $"{at}/duplicateWindow") : fallback?.DuplicateWindow ?? DeadlineSpan.WorkingDays(20),
                Ladder = ladder,
            };
        }
        catch (CovenantException)
        {
            throw;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new CovenantException($"{at}: {e.Message}");
        }
    }

    static Retention.RetentionTerms Terms(RetentionEntry entry, Retention.RetentionTerms? region, string at)
    {
        var defaults = region ?? new Retention.RetentionTerms();
        var terms = new Retention.RetentionTerms
        {
            DocumentsDaysAfterClose = entry.DocumentsDaysAfterClose ?? defaults.DocumentsDaysAfterClose,
            // Only the region's terms count for what is not a pair's (rejects, the mailbox, the outbox, faults).
            RejectsDays = region is null ? entry.RejectsDays ?? defaults.RejectsDays : defaults.RejectsDays,
            MailboxDaysAfterRead = region is null ? entry.MailboxDaysAfterRead ?? defaults.MailboxDaysAfterRead : defaults.MailboxDaysAfterRead,
            SentOutboxHours = region is null ? entry.SentOutboxHours ?? defaults.SentOutboxHours : defaults.SentOutboxHours,
            ResolvedFaultsDays = region is null ? entry.ResolvedFaultsDays ?? defaults.ResolvedFaultsDays : defaults.ResolvedFaultsDays,
        };
        if (terms.DocumentsDaysAfterClose < 1 || terms.RejectsDays < 1 || terms.MailboxDaysAfterRead < 1 || terms.SentOutboxHours < 1 || terms.ResolvedFaultsDays < 1)
            throw new CovenantException($"{at}: every retention term is at least 1 (day or hour)");
        return terms;
    }

    static IReadOnlyDictionary<string, IReadOnlySet<string>> Purposes(Dictionary<string, List<string>> table, string at)
    {
        foreach (var purpose in Contracts.Handover.Purposes.All)
            if (!table.ContainsKey(purpose))
                throw new CovenantException($"{at}/{purpose} is required: list the agency kinds that may receive it (an empty list for none)");
        foreach (var (purpose, kinds) in table)
        {
            if (!Contracts.Handover.Purposes.All.Contains(purpose))
                throw new CovenantException($"{at}/{purpose}: not a purpose (one of {string.Join(", ", Contracts.Handover.Purposes.All)})");
            foreach (var kind in kinds.Where(k => !AgencyKinds.All.Contains(k)))
                throw new CovenantException($"{at}/{purpose}: '{kind}' is not an agency kind (one of {string.Join(", ", AgencyKinds.All)})");
        }
        return table.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value.ToHashSet(StringComparer.Ordinal));
    }

    static EscalationStep Step(LadderEntry s, string at, AgencyDirectory directory)
    {
        if (s.Addressees is not { Count: > 0 })
            throw new CovenantException($"{at}/addressees: a level needs at least one addressee");
        foreach (var a in s.Addressees)
            if (a.Agency is not ("receiver" or "sender") && !directory.Contains(a.Agency))
                throw new CovenantException($"{at}/addressees: agency '{a.Agency}' is neither receiver, sender nor in the agency directory");
        return new EscalationStep(s.Level, Span(s.After ?? "0 hours", $"{at}/after"), s.Addressees.Select(a => new AddresseeRule(a.Role, a.Agency)).ToList(),
            s.Binding ?? false);
    }

    static DeadlineSpan Span(string text, string at)
    {
        try
        {
            return DeadlineSpan.Parse(text);
        }
        catch (FormatException e)
        {
            throw new CovenantException($"{at}: {e.Message}");
        }
    }

    sealed record CovenantFile(CovenantEntry? Region, List<CovenantEntry>? Covenants);

    sealed record CovenantEntry(
        string? Name,
        List<string>? Agencies,
        CalendarEntry? Calendar,
        Dictionary<string, Dictionary<string, string>>? Deadlines,
        string? ProgressInterval,
        string? DeliveryTerm,
        int? AftercarePlanMonthsBeforeEnd,
        List<LadderEntry>? Ladder,
        Dictionary<string, List<string>>? Purposes = null,
        RetentionEntry? Retention = null,
        Dictionary<string, string>? AcknowledgementTerms = null,
        SignalsEntry? Signals = null,
        string? DuplicateWindow = null);

    sealed record SignalsEntry(bool? FromHandovers, bool? FromReceipts);

    sealed record RetentionEntry(int? DocumentsDaysAfterClose, int? RejectsDays, int? MailboxDaysAfterRead, int? SentOutboxHours, int? ResolvedFaultsDays);

    sealed record CalendarEntry(bool GoodFriday, bool LiberationDayEveryYear, List<DateOnly>? ExtraClosingDays, TimeOnly? OfficeOpens = null);

    sealed record LadderEntry(int Level, string? After, List<AddresseeEntry>? Addressees, bool? Binding = null);

    sealed record AddresseeEntry(string Role, string Agency);
}

/// <summary>A covenants file that cannot be used; the message names the file, the JSON path and why.</summary>
public sealed class CovenantException(string message) : Exception(message);
