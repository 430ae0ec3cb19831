using FluentAssertions;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Reports;
using IntegrationHub.IntegrationTests.Infrastructure;
using Xunit;

namespace IntegrationHub.IntegrationTests.Reports;

/// <summary>
/// The reports' lead times on PostgreSQL equal those on SQLite for the same handovers, for every grouping the reports
/// use, read whole and cell by cell, and again after a lead time moved.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class PostgresReportTests(PostgresCluster postgres)
{
    static readonly string[][] Groupings =
    [
        [], ["sender", "receiver"], ["receiver"], ["municipality", "period"], ["municipality", "period", "age_band"],
    ];

    static readonly ReportFilter[] Filters =
    [
        new(), new(From: "2025-04", To: "2025-09"), new(Municipality: "Breda"), new(Agency: "bjz-noord-brabant"),
    ];

    [Fact]
    public async Task Lead_times_on_PostgreSQL_equal_those_on_SQLite()
    {
        using var pg = new HubDatabase(DatabaseProvider.Postgres, await postgres.CreateDatabaseAsync());
        var directory = Path.Combine(Path.GetTempPath(), "hub-report-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(directory);
        try
        {
            using var lite = HubDatabase.SqliteFile(Path.Combine(directory, "hub.db"));
            var databases = new[] { pg, lite };
            foreach (var database in databases)
                await Schema.EnsureCreatedAsync(database);
            var figures = Figures().ToList();
            foreach (var database in databases)
                await CountAsync(database, figures.Select(f => ((HandoverFigures?)null, f)));
            var reports = databases.Select(d => new ReportQueries(d, new LeadTimeCells(d))).ToArray();

            async Task SameAsync()
            {
                foreach (var filter in Filters)
                    foreach (var groupBy in Groupings)
                    {
                        var onPostgres = await reports[0].SpreadsAsync(filter, groupBy, CancellationToken.None);
                        onPostgres.Should().BeEquivalentTo(await reports[1].SpreadsAsync(filter, groupBy, CancellationToken.None),
                            $"grouped by [{string.Join(",", groupBy)}] with {filter}");
                        if (filter == Filters[0])
                            onPostgres.Should().NotBeEmpty();
                    }
            }
            await SameAsync();

            var moved = figures.Where(f => f.Key.Municipality == "Breda").Take(3)
                .Select(f => (Before: (HandoverFigures?)f, After: f with { LeadTimes = [(HandoverFigures.Metrics.ReceiptWorkingDays, 640)] })).ToList();
            foreach (var database in databases)
                await CountAsync(database, moved);
            await SameAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    static IEnumerable<HandoverFigures> Figures()
    {
        string[] places = ["Tilburg", "Breda", "Eindhoven"];
        (string Sender, string Receiver)[] pairs = [("jgz-tilburg", "bjz-noord-brabant"), ("school-breda", "cjg-breda")];
        string[] bands = ["0-3", "4-11"];
        var n = 0;
        for (var month = 1; month <= 12; month++)
            foreach (var place in places)
                foreach (var (sender, receiver) in pairs)
                    foreach (var band in bands)
                    {
                        n++;
                        var counters = new long[HandoverFigures.CounterNames.Count];
                        counters[0] = 1;
                        yield return new HandoverFigures(Guid.NewGuid(), new ReportKey($"2025-{month:00}", place, sender, receiver, band), counters,
                            [(HandoverFigures.Metrics.ReceiptWorkingDays, 40 + n % 37), (HandoverFigures.Metrics.CareHours, 200 + n % 53)], []);
                    }
    }

    static Task CountAsync(HubDatabase database, IEnumerable<(HandoverFigures? Before, HandoverFigures After)> changes) => database.WriteAsync(scope =>
    {
        var deltas = scope.State<ReportDeltas>();
        foreach (var (before, after) in changes)
            deltas.Add(before, after);
        return Task.CompletedTask;
    });
}
