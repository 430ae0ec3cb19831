using System.CommandLine;
using IntegrationHub.Hub.Feedback;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Operator;
using IntegrationHub.Hub.Persistence;
using Spectre.Console;

namespace IntegrationHub.Hub.Cli;

/// <summary><c>rejects list</c> and <c>rejects replay &lt;id&gt; [--body file]</c>: refused messages, and running one through intake again.</summary>
public static class RejectsCommand
{
    public static Command Create()
    {
        var command = new Command("rejects", "list rejected messages or replay one");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Replay());
        return command;
    }

    static Command List()
    {
        var pending = new Option<bool>("--pending") { Description = "only those not replayed yet" };
        var command = new Command("list", "list rejected messages with their reasons, newest first");
        command.Options.Add(pending);
        command.Options.Add(CliOutput.PageOption);
        command.Options.Add(CliOutput.PageSizeOption);
        command.SetAction(async (parse, ct) =>
        {
            await using var app = await CliOutput.OpenHubAsync(parse);
            if (app is null)
                return 1;
            var page = await new RejectList(app.Services.GetRequiredService<HubDatabase>())
                .FindAsync(parse.GetValue(pending) ? false : null, CliOutput.Page(parse), ct);
            var console = CliOutput.Console(parse);
            if (page.Total == 0)
            {
                console.WriteLine(parse.T("noRejects"));
                return 0;
            }
            var table = CliOutput.Table(parse.T("id"), parse.T("received"), parse.T("channel"), parse.T("reasons"), parse.T("replay"));
            foreach (var r in page.Items)
                table.Row(r.Id, parse.Time(r.ReceivedAt), r.Channel, string.Join("\n", r.Reasons.Select(p => $"{p.Path}: {p.Reason}")),
                    r.ReplayedAt is null ? parse.T("notReplayed") : $"{parse.Time(r.ReplayedAt)}: {r.ReplayResult?.GetProperty("outcome").GetString()}");
            console.Write(table);
            CliOutput.Paging(parse, console, page);
            return 0;
        });
        return command;
    }

    static Command Replay()
    {
        var id = new Argument<long>("id") { Description = "the reject's id (rejects list)" };
        var body = new Option<FileInfo?>("--body") { Description = "a file with the corrected message; without it the original is replayed" };
        var handover = new Option<Guid?>("--handover") { Description = "for feedback: the handover it is about, when the body does not name it" };
        var command = new Command("replay", "run a rejected message through intake again, corrected or as it was");
        command.Arguments.Add(id);
        command.Options.Add(body);
        command.Options.Add(handover);
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(body);
            if (file is { Exists: false })
            {
                parse.InvocationConfiguration.Error.WriteLine(parse.T("noFile", file.FullName));
                return 2;
            }
            var corrected = file is null ? null : await File.ReadAllTextAsync(file.FullName, ct);
            await using var app = await CliOutput.OpenHubAsync(parse);
            if (app is null)
                return 1;
            var services = app.Services;
            var database = services.GetRequiredService<HubDatabase>();
            var replay = new RejectReplay(database, new RejectList(database), services.GetRequiredService<HandoverIntake>(),
                services.GetRequiredService<FeedbackIntake>(), services.GetRequiredService<TimeProvider>());
            // On the hub's own machine, with access to its database: the operator is the logged-in user.
            var actor = new Access.Caller(Access.HubRoles.Operator, null, "cli:" + Environment.UserName);
            var outcome = await replay.ReplayAsync(parse.GetValue(id), corrected, parse.GetValue(handover), actor, ct);
            if (outcome is null)
            {
                parse.InvocationConfiguration.Error.WriteLine(parse.T("noReject", parse.GetValue(id)));
                return 1;
            }
            var console = CliOutput.Console(parse);
            var table = CliOutput.Table(parse.T("reject"), parse.T("outcome"), parse.T("handover"), parse.T("state"), parse.T("problems"));
            table.Row(outcome.RejectId, outcome.Outcome, outcome.HandoverId, outcome.State,
                string.Join("\n", outcome.Problems.Select(p => $"{p.Path}: {p.Reason}").Append(outcome.Detail ?? "")).Trim());
            console.Write(table);
            // The hub delivers what was accepted from its outbox the next time it runs (or at once, if it is running).
            return outcome.Outcome == ReplayOutcome.Accepted ? 0 : 1;
        });
        return command;
    }
}
