using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Retention;
using IntegrationHub.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Bench.Scenarios;

/// <summary>
/// What the embedded default stores per handover, through the real flow over HTTP: N handovers submitted, receipted and
/// in care (open), then care ended (closed), every agency having read its mailbox, the simulated clock moved past the
/// retention terms and retention run. Bytes are SQLite's pages in use per table (dbstat), after a WAL checkpoint.
/// Sent outbox rows are kept for a day of the machine's clock (LeaseClock), which a bench cannot wait for: the bench
/// ages their sent time by 25 hours before retention runs, and says so.
/// </summary>
static class Storage
{
    const string Sender = "school-de-regenboog";
    const string Receiver = "bjz-noord-brabant";

    public static async Task<int> RunAsync(int handovers, string command)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "hub-bench-" + Guid.NewGuid().ToString("N")[..10]);
        // Now: the example documents carry recent dates, which intake holds against its clock.
        var start = DateTimeOffset.UtcNow;
        var app = await HubApp.BuildAsync([
            "--urls", "http://127.0.0.1:0", $"--Hub:DataDirectory={dataDirectory}", "--Serilog:MinimumLevel:Default=Warning",
            "--Hub:Clock:Simulated=true", $"--Hub:Clock:Start={start:O}",
        ]);
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            HttpClient As(string key) => new() { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5), DefaultRequestHeaders = { Authorization = new("Bearer", key) } };
            // The embedded default: the public demo keys (API.md).
            using var sender = As(Sender + "-demo-key");
            using var receiver = As(Receiver + "-demo-key");
            using var operatorClient = As("operator-demo-key");
            var database = app.Services.GetRequiredService<HubDatabase>();

            var ids = new Guid[handovers];
            await ForAllAsync(handovers, async i =>
            {
                ids[i] = await sender.SubmitAsync(Messages.Handover(Sender, Receiver));
                await Expect(receiver.FeedbackAsync(ids[i], Messages.Feedback("receipt", Receiver)));
                await Expect(receiver.FeedbackAsync(ids[i], Messages.Feedback("care-started", Receiver)));
            });
            await DrainAsync(database);
            var open = await MeasureAsync(database);

            await ForAllAsync(handovers, i => Expect(receiver.FeedbackAsync(ids[i], Messages.Feedback("care-ended", Receiver))));
            await DrainAsync(database);
            var closedBeforeRetention = await MeasureAsync(database);
            // Each agency reads all its mail (asking for what follows the last item says it has what came before).
            foreach (var (agency, client) in new[] { (Sender, sender), (Receiver, receiver) })
            {
                long after = 0;
                while (true)
                {
                    var page = (await client.GetFromJsonAsync<JsonObject>($"/api/agencies/{agency}/mail?after={after}"))!;
                    var next = page["next"]!.GetValue<long>();
                    if (next == after)
                        break;
                    after = next;
                }
            }
            using (var moved = await operatorClient.PostAsJsonAsync("/api/admin/clock", new { advance = "P120D" }))
                moved.EnsureSuccessStatusCode();
            await using (var connection = await database.OpenAsync())
                await connection.ExecuteAsync("UPDATE outbox SET dispatched_at = dispatched_at - @Day WHERE dispatched_at IS NOT NULL",
                    new { Day = (long)TimeSpan.FromHours(25).TotalMilliseconds });
            var purged = await app.Services.GetRequiredService<RetentionSweep>().RunAsync(CancellationToken.None);
            var closed = await MeasureAsync(database);

            var report = new StringBuilder();
            report.AppendLine($"# Storage per handover, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            report.AppendLine();
            report.AppendLine($"Command: `{command}`");
            report.AppendLine($"Embedded default (SQLite, embedded mailbox). {handovers} handovers school -> BJZ over HTTP: submitted, receipt, care started (open); then care ended (closed), both agencies read their mailboxes, the clock moved 120 days, sent outbox rows aged 25 h (their term runs on the machine's clock), retention run: {purged}.");
            report.AppendLine();
            report.AppendLine("| table | bytes per open handover (in care) | bytes per closed handover before retention | bytes per closed handover after retention |");
            report.AppendLine("|---|---|---|---|");
            foreach (var table in open.Keys.Union(closed.Keys).Union(closedBeforeRetention.Keys).Where(t => t != "(total)").OrderByDescending(t => closed.GetValueOrDefault(t)))
                report.AppendLine($"| {table} | {Per(open, table, handovers)} | {Per(closedBeforeRetention, table, handovers)} | {Per(closed, table, handovers)} |");
            report.AppendLine($"| **total in use** | **{Per(open, "(total)", handovers)}** | **{Per(closedBeforeRetention, "(total)", handovers)}** | **{Per(closed, "(total)", handovers)}** |");
            Console.WriteLine(report);
            BenchResults.Write("storage", report.ToString());
            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
        }
    }

    static string Per(Dictionary<string, long> bytes, string table, int handovers) => $"{bytes.GetValueOrDefault(table) / (double)handovers:N0}";

    static async Task Expect(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if ((int)response.StatusCode != 202)
            throw new InvalidOperationException($"feedback answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    static async Task ForAllAsync(int count, Func<int, Task> one)
    {
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try { await one(i); } finally { gate.Release(); }
        }));
    }

    static async Task DrainAsync(HubDatabase database)
    {
        while (true)
        {
            await using var connection = await database.OpenAsync();
            if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL") == 0)
                return;
            await Task.Delay(100);
        }
    }

    /// <summary>Bytes of pages in use per table and index (indexes counted with their table), after a checkpoint.</summary>
    static async Task<Dictionary<string, long>> MeasureAsync(HubDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        var owners = (await connection.QueryAsync<(string Name, string Table)>("SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')"))
            .ToDictionary(r => r.Name, r => r.Table);
        // Microsoft.Data.Sqlite's SQLite has no dbstat table; Debian's sqlite3 shell has it.
        var (code, output) = await IntegrationHub.IntegrationTests.Infrastructure.ExternalProcess.RunAsync("sqlite3",
            ["-readonly", "-csv", connection.DataSource, "SELECT name, SUM(pgsize) - SUM(unused) FROM dbstat GROUP BY name"]);
        if (code != 0)
            throw new InvalidOperationException($"sqlite3 (apt-get install sqlite3) could not read dbstat: {output}");
        var sizes = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(','))
            .Select(f => (Name: f[0].Trim('"'), Bytes: long.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var byTable = sizes.GroupBy(s => owners.GetValueOrDefault(s.Name, s.Name)).ToDictionary(g => g.Key, g => g.Sum(s => s.Bytes));
        var pageSize = await connection.ExecuteScalarAsync<long>("PRAGMA page_size");
        var used = await connection.ExecuteScalarAsync<long>("PRAGMA page_count") - await connection.ExecuteScalarAsync<long>("PRAGMA freelist_count");
        byTable["(total)"] = used * pageSize;
        return byTable;
    }
}
