using System.CommandLine;
using IntegrationHub.Hub.Handover;
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
                parse.InvocationConfiguration.Error.WriteLine($"'{wanted}' is not a state; use one of: {string.Join(", ", StateCounts.States)}");
                return 2;
            }
            await using var app = await CliOutput.OpenHubAsync(parse);
            if (app is null)
                return 1;
            var filter = new HandoverFilter(wanted, parse.GetValue(agency), parse.GetValue(overdue) ? true : null);
            var page = await new HandoverList(app.Services.GetRequiredService<HubDatabase>()).FindAsync(filter, CliOutput.Page(parse), ct);
            if (page.Total == 0)
            {
                console.WriteLine("No handovers match.");
                return 0;
            }
            var table = CliOutput.Table("handover", "sender", "receiver", "urgency", "state", "submitted", "next due", "overdue", "escalation");
            foreach (var h in page.Items)
                table.Row(h.HandoverId, h.Sender, h.Receiver, h.Urgency, h.State, CliOutput.Time(h.SubmittedAt), CliOutput.Time(h.NextDueAt),
                    h.Overdue ? "OVERDUE" : "", h.OpenEscalationLevel > 0 ? $"level {h.OpenEscalationLevel}" : "");
            console.Write(table);
            CliOutput.Paging(console, page);
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
                parse.InvocationConfiguration.Error.WriteLine($"no handover {parse.GetValue(id)}");
                return 1;
            }
            var console = CliOutput.Console(parse);
            console.Write(new Text($"Handover {view.HandoverId}: {view.Sender} -> {view.Receiver}, {view.Urgency}, {view.State}\n"));
            var history = CliOutput.Table("at (Amsterdam)", "event", "by", "detail");
            foreach (var h in view.History)
                history.Row(CliOutput.Time(h.At), h.Event, h.By, h.Detail);
            console.Write(history.Title("history"));
            var deadlines = CliOutput.Table("deadline", "due", "met", "missed", "closed");
            foreach (var d in view.Deadlines)
                deadlines.Row(d.Kind, CliOutput.Time(d.DueAt), CliOutput.Time(d.MetAt), CliOutput.Time(d.MissedAt), CliOutput.Time(d.ClosedAt));
            console.Write(deadlines.Title("deadlines"));
            var escalations = CliOutput.Table("level", "deadline", "raised", "addressees", "resolved");
            foreach (var e in view.Escalations)
                escalations.Row(e.Level, e.DeadlineKind, CliOutput.Time(e.RaisedAt), string.Join("; ", e.Addressees), CliOutput.Time(e.ResolvedAt));
            console.Write(escalations.Title("escalations"));
            return 0;
        });
        return command;
    }
}
