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
            var table = CliOutput.Table(parse.T("state"), parse.T("handovers"));
            foreach (var (state, count) in counts.ByState)
                table.Row(parse.State(state), count);
            table.Row(parse.T("total"), counts.Total);
            console.Write(table);
            var attention = CliOutput.Table(parse.T("attention"), parse.T("count"));
            attention.Row(parse.T("overdue"), counts.Overdue);
            attention.Row(parse.T("escalated"), counts.Escalated);
            attention.Row(parse.T("rejectsNotReplayed"), counts.RejectsNotReplayed);
            console.Write(attention);
            return 0;
        });
        return command;
    }
}
