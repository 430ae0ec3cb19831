using System.CommandLine;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Language;
using IntegrationHub.Hub.Operator;
using IntegrationHub.Hub.Persistence;
using Spectre.Console;

namespace IntegrationHub.Hub.Cli;

/// <summary><c>handovers list</c> and <c>handovers show &lt;id&gt;</c>: the operator's list and one handover's timeline.</summary>
public static class HandoversCommand
{
    public static Command Create()
    {
        var command = new Command("handovers", "list handovers or show one handover's timeline");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        return command;
    }

    static Command List()
    {
        var state = new Option<string?>("--state") { Description = $"only this state: {string.Join(", ", StateCounts.States)}" };
        var agency = new Option<string?>("--agency") { Description = "only handovers this agency sent or receives" };
        var overdue = new Option<bool>("--overdue") { Description = "only overdue handovers" };
        var command = new Command("list", "list handovers, newest first");
        foreach (var option in new Option[] { state, agency, overdue, CliOutput.PageOption, CliOutput.PageSizeOption })
            command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var console = CliOutput.Console(parse);
            var wanted = parse.GetValue(state);
            if (wanted is not null && !StateCounts.States.Contains(wanted))
            {
                parse.InvocationConfiguration.Error.WriteLine(parse.T("notAState", wanted, string.Join(", ", StateCounts.States)));
                return 2;
            }
            await using var app = await CliOutput.OpenHubAsync(parse);
            if (app is null)
                return 1;
            var filter = new HandoverFilter(wanted, parse.GetValue(agency), parse.GetValue(overdue) ? true : null);
            var page = await new HandoverList(app.Services.GetRequiredService<HubDatabase>()).FindAsync(filter, CliOutput.Page(parse), ct);
            if (page.Total == 0)
            {
                console.WriteLine(parse.T("noHandovers"));
                return 0;
            }
            var table = CliOutput.Table(parse.T("handover"), parse.T("sender"), parse.T("receiver"), parse.T("urgency"), parse.T("state"),
                parse.T("submitted"), parse.T("nextDue"), parse.T("overdueColumn"), parse.T("escalation"));
            foreach (var h in page.Items)
                table.Row(h.HandoverId, h.Sender, h.Receiver, h.Urgency, parse.State(h.State), parse.Time(h.SubmittedAt), parse.Time(h.NextDueAt),
                    h.Overdue ? parse.T("OVERDUE") : "", h.OpenEscalationLevel > 0 ? parse.T("level", h.OpenEscalationLevel) : "");
            console.Write(table);
            CliOutput.Paging(parse, console, page);
            return 0;
        });
        return command;
    }

    static Command Show()
    {
        var id = new Argument<Guid>("id") { Description = "the handover id" };
        var command = new Command("show", "show one handover: history, deadlines and escalations");
        command.Arguments.Add(id);
        command.SetAction(async (parse, ct) =>
        {
            await using var app = await CliOutput.OpenHubAsync(parse);
            if (app is null)
                return 1;
            var view = await app.Services.GetRequiredService<HandoverViews>().FindAsync(parse.GetValue(id), ct);
            if (view is null)
            {
                parse.InvocationConfiguration.Error.WriteLine(parse.T("noHandover", parse.GetValue(id)));
                return 1;
            }
            var console = CliOutput.Console(parse);
            console.Write(new Text(parse.T("showHead", view.HandoverId, view.Sender, view.Receiver, Word(parse, "js.urgency.", view.Urgency), parse.State(view.State)) + "\n"));
            var history = CliOutput.Table(parse.T("at"), parse.T("event"), parse.T("by"), parse.T("detail"));
            foreach (var h in view.History)
                history.Row(parse.Time(h.At), Word(parse, "event.", h.Event), h.By, HistoryWords.Detail(h.Event, h.Detail, CliOutput.Language(parse)));
            console.Write(history.Title(parse.T("history")));
            var deadlines = CliOutput.Table(parse.T("deadline"), parse.T("due"), parse.T("met"), parse.T("missed"), parse.T("closed"));
            foreach (var d in view.Deadlines)
                deadlines.Row(Word(parse, "deadline.", d.Kind), parse.Time(d.DueAt), parse.Time(d.MetAt), parse.Time(d.MissedAt), parse.Time(d.ClosedAt));
            console.Write(deadlines.Title(parse.T("deadlines")));
            var escalations = CliOutput.Table(parse.T("levelColumn"), parse.T("deadline"), parse.T("raised"), parse.T("addressees"), parse.T("resolved"));
            foreach (var e in view.Escalations)
                escalations.Row(e.Level, Word(parse, "deadline.", e.DeadlineKind), parse.Time(e.RaisedAt), HistoryWords.Addressees(e.Addressees, CliOutput.Language(parse)), parse.Time(e.ResolvedAt));
            console.Write(escalations.Title(parse.T("escalations")));
            return 0;
        });
        return command;
    }

    /// <summary>A domain word in the command's language with the code beside it in Dutch ("ontvangstbevestiging (receipt)").</summary>
    static string Word(ParseResult parse, string prefix, string code)
    {
        var language = CliOutput.Language(parse);
        var word = Language.TextCatalog.Instance.Get(prefix + code, language);
        return word == prefix + code ? code : language == Language.TextCatalog.Dutch ? $"{word} ({code})" : word;
    }
}
