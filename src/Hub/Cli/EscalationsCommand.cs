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
                console.WriteLine(parse.T("noEscalations"));
                return 0;
            }
            var table = CliOutput.Table(parse.T("levelColumn"), parse.T("handover"), parse.T("parties"), parse.T("awaited"), parse.T("overdueSince"),
                parse.T("raised"), parse.T("addressees"));
            var language = CliOutput.Language(parse);
            foreach (var e in page.Items)
                table.Row(Language.TextCatalog.Instance.Get("level." + e.Level, language), e.HandoverId, $"{e.Sender} -> {e.Receiver}",
                    Language.TextCatalog.Instance.Get("deadline." + e.DeadlineKind, language) is var word && word != "deadline." + e.DeadlineKind ? word : e.DeadlineKind,
                    parse.Time(e.OverdueSince), parse.Time(e.RaisedAt), Language.HistoryWords.Addressees(e.Addressees, language));
            console.Write(table);
            CliOutput.Paging(parse, console, page);
            return 0;
        });
        return command;
    }
}
