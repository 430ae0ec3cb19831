using Dapper;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Persistence.Sagas;

namespace IntegrationHub.Hub.Reports;

/// <summary>
/// Builds the read model from the stored sagas: once, when a database gains it (schema 4), before the hub
/// serves anything (so no step runs meanwhile), and on an operator's request (`reports rebuild`, hub stopped).
/// Reads the sagas in id order in batches, so memory stays flat at any number of handovers.
/// </summary>
public static class ReadModelRebuild
{
    const int Batch = 2000;
    const long Lock = 4243;

    public static async Task EnsureBuiltAsync(HubDatabase database, CovenantBook covenants, ILogger logger, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (database.Provider == DatabaseProvider.Postgres)
            // Instances starting together: one builds, the others wait and then find it built.
            await connection.ExecuteAsync("SELECT pg_advisory_lock(@Lock)", new { Lock }).ConfigureAwait(false);
        try
        {
            var built = await connection.ExecuteScalarAsync<string>("SELECT value FROM settings WHERE key = 'read_model_built'").ConfigureAwait(false);
            if (built == "1")
                return;
            var count = await RebuildAsync(database, covenants, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Read model built from {Count} stored handover(s)", count);
        }
        finally
        {
            if (database.Provider == DatabaseProvider.Postgres)
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@Lock)", new { Lock }).ConfigureAwait(false);
        }
    }

    /// <summary>Empties the read model and counts every stored handover again; returns how many.</summary>
    public static async Task<long> RebuildAsync(HubDatabase database, CovenantBook covenants, CancellationToken cancellationToken = default)
    {
        await database.WriteAsync(async scope =>
        {
            foreach (var table in new[] { "report_counts", "lead_time_buckets", "lead_time_pairs", "lead_time_municipalities", "open_escalations" })
                await scope.Connection.ExecuteAsync($"DELETE FROM {table}", transaction: scope.Transaction).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        long total = 0;
        var after = "";
        while (true)
        {
            List<(string Id, string Data)> rows;
            await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
                rows = (await connection.QueryAsync<(string Id, string Data)>(
                    "SELECT correlation_id, data FROM handovers WHERE correlation_id > @After ORDER BY correlation_id LIMIT @Batch",
                    new { After = after, Batch }).ConfigureAwait(false)).ToList();
            if (rows.Count == 0)
                break;
            var figures = new HandoverFigures[rows.Count];
            Parallel.For(0, rows.Count, i => figures[i] = HandoverFigures.Of(SagaJson.Read(rows[i].Data), covenants));
            await database.WriteAsync(scope =>
            {
                var deltas = scope.State<ReportDeltas>();
                foreach (var f in figures)
                    deltas.Add(null, f);
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            total += rows.Count;
            after = rows[^1].Id;
        }
        await database.WriteAsync(async scope =>
        {
            await scope.Connection.ExecuteAsync(
                "INSERT INTO settings (key, value) VALUES ('read_model_built', '1') ON CONFLICT (key) DO UPDATE SET value = '1'",
                transaction: scope.Transaction).ConfigureAwait(false);
            // The change counts began again from nothing: buckets kept by a running hub against the old counts are forgotten.
            await scope.Connection.ExecuteAsync(
                "INSERT INTO settings (key, value) VALUES (@Key, @Value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                new { Key = LeadTimeCells.GenerationSetting, Value = Guid.NewGuid().ToString("N") }, scope.Transaction).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return total;
    }
}
