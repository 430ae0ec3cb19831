using Dapper;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Reports;
using IntegrationHub.Tests.Persistence;

namespace IntegrationHub.Tests.Reports;

/// <summary>
/// Report cells' buckets kept in memory are read again exactly when the cell changed: a report asked twice reads no
/// bucket the second time, a change to one cell (even one that moves a lead time and keeps every count) re-reads that
/// cell only, and a rebuild of the read model forgets them all. Each answer equals the one read from the buckets.
/// </summary>
public sealed class LeadTimeCellsTests : IAsyncLifetime
{
    static readonly string[] ByMonthAndPlace = ["period", "municipality"];
    static readonly string[] ByPair = ["sender", "receiver"];

    ScratchDatabase _scratch = null!;
    LeadTimeCells _cells = null!;
    ReportQueries _reports = null!;

    public async Task InitializeAsync()
    {
        _scratch = await ScratchDatabase.CreateAsync("lead-time-cells");
        _cells = new LeadTimeCells(_scratch.Database);
        _reports = new ReportQueries(_scratch.Database, _cells);
    }

    public Task DisposeAsync()
    {
        _scratch.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Asked_again_a_report_reads_no_bucket()
    {
        await CountAsync(Enumerable.Range(0, 40).Select(i => Figures("2026-01", i % 2 == 0 ? "Tilburg" : "Breda", 100 + i)));

        var first = await _reports.SpreadsAsync(new ReportFilter(), ByMonthAndPlace, CancellationToken.None);
        var read = _cells.BucketRowsRead;
        var second = await _reports.SpreadsAsync(new ReportFilter(), ByMonthAndPlace, CancellationToken.None);

        read.Should().BeGreaterThan(0);
        _cells.BucketRowsRead.Should().Be(read);
        second.Should().BeEquivalentTo(first);
        first.Should().BeEquivalentTo(await FromEveryBucketAsync(ByMonthAndPlace)).And.NotBeEmpty();
    }

    [Fact]
    public async Task A_moved_lead_time_is_read_again_in_its_cell_only()
    {
        var tilburg = Enumerable.Range(0, 10).Select(i => Figures("2026-01", "Tilburg", 100 + 10 * i)).ToList();
        await CountAsync([.. tilburg, .. Enumerable.Range(0, 10).Select(i => Figures("2026-02", "Breda", 200 + i))]);
        var before = await _reports.SpreadsAsync(new ReportFilter(), ByMonthAndPlace, CancellationToken.None);
        await _reports.SpreadsAsync(new ReportFilter(), ByPair, CancellationToken.None);
        var read = _cells.BucketRowsRead;

        // Every count stays what it was: only a bucket changes (the shortest receipt becomes the longest), so the change count is what tells.
        var moved = tilburg[0] with { LeadTimes = [(HandoverFigures.Metrics.ReceiptWorkingDays, 600), tilburg[0].LeadTimes[1]] };
        await _scratch.Database.WriteAsync(scope =>
        {
            scope.State<ReportDeltas>().Add(tilburg[0], moved);
            return Task.CompletedTask;
        });
        var spreads = await _reports.SpreadsAsync(new ReportFilter(), ByMonthAndPlace, CancellationToken.None);

        spreads.Should().BeEquivalentTo(await FromEveryBucketAsync(ByMonthAndPlace));
        var receipt = (ReportQueries.GroupKey(["2026-01", "Tilburg"]), HandoverFigures.Metrics.ReceiptWorkingDays);
        spreads[receipt].Count.Should().Be(before[receipt].Count);
        spreads[receipt].P50.Should().BeGreaterThan(before[receipt].P50!.Value);
        (_cells.BucketRowsRead - read).Should().Be(await RowsAsync("lead_time_municipalities", "period = '2026-01' AND municipality = 'Tilburg'"));

        // The pair's grain saw the same move in its own cell.
        read = _cells.BucketRowsRead;
        (await _reports.SpreadsAsync(new ReportFilter(), ByPair, CancellationToken.None)).Should().BeEquivalentTo(await FromEveryBucketAsync(ByPair));
        (_cells.BucketRowsRead - read).Should().Be(await RowsAsync("lead_time_pairs", "period = '2026-01'"));
    }

    [Fact]
    public async Task A_rebuilt_read_model_is_read_again_whole()
    {
        await CountAsync(Enumerable.Range(0, 12).Select(i => Figures("2026-03", "Tilburg", 50 + i)));
        await _reports.SpreadsAsync(new ReportFilter(), ByPair, CancellationToken.None);
        var read = _cells.BucketRowsRead;

        await _scratch.Database.WriteAsync(scope => scope.Connection.ExecuteAsync(
            "INSERT INTO settings (key, value) VALUES (@Key, 'another') ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            new { Key = LeadTimeCells.GenerationSetting }, scope.Transaction));
        await _reports.SpreadsAsync(new ReportFilter(), ByPair, CancellationToken.None);

        (_cells.BucketRowsRead - read).Should().Be(await RowsAsync("lead_time_pairs", "1 = 1"));
    }

    [Fact]
    public async Task Many_changed_cells_are_read_in_one_pass_with_the_same_answer()
    {
        // More changed cells than are read one by one: the ordered read of all of them.
        await CountAsync(Enumerable.Range(1, 12).SelectMany(month => new[] { "Tilburg", "Breda", "Eindhoven" }.SelectMany(place =>
            Enumerable.Range(0, 6).Select(i => Figures($"2025-{month:00}", place, 30 + 7 * i + month)))));

        (await _reports.SpreadsAsync(new ReportFilter(), ByMonthAndPlace, CancellationToken.None))
            .Should().BeEquivalentTo(await FromEveryBucketAsync(ByMonthAndPlace)).And.HaveCount(36 * 2);
        (await _reports.SpreadsAsync(new ReportFilter(From: "2025-06", To: "2025-08"), [], CancellationToken.None))
            .Should().BeEquivalentTo(await FromEveryBucketAsync([], "period BETWEEN '2025-06' AND '2025-08'"));
        // The full grain (age bands), read whole, and one municipality of it, read cell by cell.
        string[] byBand = ["municipality", "period", "age_band"];
        (await _reports.SpreadsAsync(new ReportFilter(), byBand, CancellationToken.None))
            .Should().BeEquivalentTo(await FromEveryBucketAsync(byBand)).And.HaveCount(36 * 2);
        (await _reports.SpreadsAsync(new ReportFilter(From: "2025-03", Municipality: "Breda"), ByPair, CancellationToken.None))
            .Should().BeEquivalentTo(await FromEveryBucketAsync(ByPair, "period >= '2025-03' AND municipality = 'Breda'")).And.HaveCount(2);
    }

    static HandoverFigures Figures(string period, string municipality, int bucket)
    {
        var counters = new long[HandoverFigures.CounterNames.Count];
        counters[0] = 1;
        return new HandoverFigures(Guid.NewGuid(), new ReportKey(period, municipality, "jgz-tilburg", "bjz-noord-brabant", "4-11"), counters,
            [(HandoverFigures.Metrics.ReceiptWorkingDays, bucket), (HandoverFigures.Metrics.ReceiptHours, bucket + 90)], []);
    }

    Task CountAsync(IEnumerable<HandoverFigures> figures) => _scratch.Database.WriteAsync(scope =>
    {
        var deltas = scope.State<ReportDeltas>();
        foreach (var f in figures)
            deltas.Add(null, f);
        return Task.CompletedTask;
    });

    async Task<long> RowsAsync(string table, string where)
    {
        await using var connection = await _scratch.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE {where}");
    }

    Task<Dictionary<(string Group, string Metric), Spread>> FromEveryBucketAsync(string[] groupBy, string where = "1 = 1") =>
        EveryBucket.SpreadsAsync(_scratch.Database, groupBy, where);
}
