using System.CommandLine;
using System.Text;
using IntegrationHub.Hub.Cli;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Audit;

/// <summary>
/// <c>audit verify</c> and <c>audit export</c>: read the hub's database directly, without starting the
/// hub, so an auditor need not trust the running service.
/// </summary>
public static class AuditCommands
{
    /// <summary>Exit code of <c>audit verify</c> when the chain is broken (1 stays "the command failed").</summary>
    public const int Broken = 2;

    public static Command Create()
    {
        var audit = new Command("audit", "verify or export the auditors' hash-chained delivery log");
        audit.Subcommands.Add(Verify());
        audit.Subcommands.Add(Export());
        return audit;
    }

    static Command Verify()
    {
        var command = new Command("verify", "recompute the delivery log's hash chain; exit 0 when intact, 2 at the first broken entry");
        // The shared option on the subcommand too, so `audit verify --data <dir>` parses (the root's is not recursive).
        command.Options.Add(HubCli.DataOption);
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            await using var app = await HubCli.OpenExistingHubAsync(parse);
            if (app is null)
                return 1;
            var result = await new DeliveryLogVerifier(app.Services.GetRequiredService<HubDatabase>()).VerifyAsync(ct);
            if (result.Intact)
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(result.ToString());
                var staged = await new HashChainedDeliveryLog(app.Services.GetRequiredService<HubDatabase>()).StagedCountAsync(ct);
                if (staged > 0)
                    await parse.InvocationConfiguration.Output.WriteLineAsync(
                        $"{staged} more entries are committed but not yet linked into the chain; a running hub links them within a second");
                return 0;
            }
            await parse.InvocationConfiguration.Error.WriteLineAsync(result.ToString());
            return Broken;
        });
        return command;
    }

    static Command Export()
    {
        var from = new Option<string>("--from") { Description = "start of the period, inclusive (ISO-8601 date or date-time; UTC unless an offset is given)", Required = true };
        var to = new Option<string>("--to") { Description = "end of the period, exclusive", Required = true };
        var format = new Option<string>("--format") { Description = "csv or fhir", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong([.. AuditExport.Formats]);
        var output = new Option<string?>("--out") { Description = "file to write; default: standard output" };

        var command = new Command("export", "export the entries recorded in [from, to) as CSV or as a FHIR R4 Bundle of AuditEvents");
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(HubCli.DataOption);
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            if (!AuditPeriod.TryParse(parse.GetValue(from), parse.GetValue(to), out var period, out var error))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(error);
                return 1;
            }
            await using var app = await HubCli.OpenExistingHubAsync(parse);
            if (app is null)
                return 1;
            var reader = new DeliveryLogReader(app.Services.GetRequiredService<HubDatabase>());
            var path = parse.GetValue(output);
            if (path is null)
            {
                await AuditExport.WriteAsync(reader, period, parse.GetValue(format)!, DateTimeOffset.UtcNow, parse.InvocationConfiguration.Output, ct);
                return 0;
            }
            await using (var file = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                await AuditExport.WriteAsync(reader, period, parse.GetValue(format)!, DateTimeOffset.UtcNow, file, ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"written: {path}");
            return 0;
        });
        return command;
    }
}
