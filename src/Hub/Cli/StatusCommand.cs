using System.CommandLine;
using IntegrationHub.Hub.Operator;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Cli;

/// <summary><c>status</c>: how many handovers are in each state, and how many are overdue, escalated or rejected.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "count handovers by state, overdue, escalated, and rejected messages not replayed");
        command.SetAction(async (parse, ct) =>
        {
            await using var app = await CliOutput.OpenHubAsync(parse);
            if (app is null)
                return 1;
            var counts = await app.Services.GetRequiredService<StateCounts>().CountAsync(ct);
            var console = CliOutput.Console(parse);
            var table = CliOutput.Table("state", "handovers");
            foreach (var (state, count) in counts.ByState)
                table.Row(state, count);
            table.Row("total", counts.Total);
            console.Write(table);
            var attention = CliOutput.Table("needs attention", "count");
            attention.Row("overdue (termijn verstreken)", counts.Overdue);
            attention.Row("escalated (opgeschaald)", counts.Escalated);
            attention.Row("rejected messages not replayed", counts.RejectsNotReplayed);
            console.Write(attention);
            return 0;
        });
        return command;
    }
}
