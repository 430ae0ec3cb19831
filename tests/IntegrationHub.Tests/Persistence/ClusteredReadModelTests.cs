using Dapper;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Reports;

namespace IntegrationHub.Tests.Persistence;

/// <summary>Migration 14 on SQLite: the read model's tables become clustered by their keys and keep every row.</summary>
public sealed class ClusteredReadModelTests
{
    static readonly string[] Tables = ["report_counts", "lead_time_buckets", "lead_time_pairs", "lead_time_municipalities"];

    [Fact]
    public async Task The_read_model_moves_to_tables_in_key_order_with_every_row()
    {
        using var scratch = await ScratchDatabase.CreateAsync("clustered-read-model");
        var counters = new long[HandoverFigures.CounterNames.Count];
        counters[0] = 1;
        await scratch.Database.WriteAsync(scope =>
        {
            var deltas = scope.State<ReportDeltas>();
            for (var i = 0; i < 30; i++)
                deltas.Add(null, new HandoverFigures(Guid.NewGuid(), new ReportKey($"2026-0{1 + i % 3}", i % 2 == 0 ? "Tilburg" : "Breda",
                    "jgz-tilburg", "bjz-noord-brabant", "4-11"), counters, [(HandoverFigures.Metrics.ReceiptWorkingDays, 100 + i)], []));
            return Task.CompletedTask;
        });
        var before = await RowsAsync(scratch.Database);

        // Back to schema 13's shape: the same columns in rowid tables with their key as an index.
        await using (var connection = await scratch.Database.OpenAsync())
        {
            foreach (var table in Tables)
            {
                var ddl = await connection.ExecuteScalarAsync<string>("SELECT sql FROM sqlite_master WHERE name = @table", new { table });
                await connection.ExecuteAsync($"ALTER TABLE {table} RENAME TO {table}_old");
                await connection.ExecuteAsync(ddl!.Replace(" WITHOUT ROWID", ""));
                await connection.ExecuteAsync($"INSERT INTO {table} SELECT * FROM {table}_old; DROP TABLE {table}_old");
            }
            await connection.ExecuteAsync("UPDATE settings SET value = '13' WHERE key = 'schema_version'");
            (await ClusteredAsync(connection)).Should().BeEmpty();
        }

        await Schema.EnsureCreatedAsync(scratch.Database);

        await using var check = await scratch.Database.OpenAsync();
        (await ClusteredAsync(check)).Should().BeEquivalentTo(Tables);
        (await RowsAsync(scratch.Database)).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
        before["lead_time_pairs"].Should().NotBeEmpty();
    }

    static async Task<List<string>> ClusteredAsync(System.Data.Common.DbConnection connection) =>
        (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID%'")).ToList();

    static async Task<Dictionary<string, List<string>>> RowsAsync(HubDatabase database)
    {
        await using var connection = await database.OpenAsync();
        var rows = new Dictionary<string, List<string>>();
        foreach (var table in Tables)
            rows[table] = (await connection.QueryAsync($"SELECT * FROM {table} ORDER BY 1, 2, 3, 4, 5")).Cast<IDictionary<string, object?>>()
                .Select(r => string.Join("|", r.Select(c => $"{c.Key}={c.Value}"))).ToList();
        return rows;
    }
}
