using System.CommandLine;
using IntegrationHub.Hub.Operator;
using IntegrationHub.Hub.Persistence;
using Spectre.Console;

namespace IntegrationHub.Hub.Cli;

/// <summary><c>escalations</c>: every open escalation (opschaling), highest level first.</summary>
public static class EscalationsCommand
{
    public static Command Create()
    {
        var command = new Command("escalations", "list open escalations, highest level first");
        command.Options.Add(CliOutput.PageOption);
        command.Options.Add(CliOutput.PageSizeOption);
        command.SetAction(async (parse, ct) =>
        {
            await using var app = await CliOutput.OpenHubAsync(parse);
            if (app is null)
                return 1;
            var page = await app.Services.GetRequiredService<EscalationList>().FindAsync(CliOutput.Page(parse), ct);
            var console = CliOutput.Console(parse);
            if (page.Total == 0)
            {
                console.WriteLine("No open escalations.");
                return 0;
            }
            var table = CliOutput.Table("level", "handover", "sender -> receiver", "awaited", "overdue since", "raised", "addressees");
            foreach (var e in page.Items)
                table.Row(e.Level, e.HandoverId, $"{e.Sender} -> {e.Receiver}", e.DeadlineKind, CliOutput.Time(e.OverdueSince),
                    CliOutput.Time(e.RaisedAt), string.Join("; ", e.Addressees));
            console.Write(table);
            CliOutput.Paging(console, page);
            return 0;
        });
        return command;
    }
}
