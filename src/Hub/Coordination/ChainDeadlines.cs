using Dapper;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Signals;

namespace IntegrationHub.Hub.Coordination;

/// <summary>The watched due times of the chain around the child (chain_deadlines).</summary>
public static class ChainDeadlineKinds
{
    /// <summary>A match's party confirms it made contact: reminded, then the chain office hears.</summary>
    public const string MatchContact = "match-contact";
    /// <summary>An assigned coordinator accepts: else the next rule applies and the chain office hears.</summary>
    public const string CoordinatorAccept = "coordinator-accept";
    /// <summary>The coordinator registers the family plan; then reviews it every so often; each action is owed by its party.</summary>
    public const string Plan = "plan";
    public const string PlanReview = "plan-review";
    public const string Action = "action";

    /// <summary>Missed, these climb the region's escalation ladder, addressed to the party that owes them.</summary>
    public static readonly IReadOnlySet<string> Laddered = new HashSet<string> { Plan, PlanReview, Action };
}

/// <summary>One watched due time: who owes what for which family, and how far it got.</summary>
public sealed record ChainDeadline
{
    public string DeadlineId { get; init; } = "";
    public string FamilyId { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Ref { get; init; } = "";
    public string Owner { get; init; } = "";
    public long DueAt { get; init; }
    public long? RemindAt { get; init; }
    public long? RemindedAt { get; init; }
    public long? MetAt { get; init; }
    public long? MissedAt { get; init; }
    public long? ClosedAt { get; init; }
    public long Level { get; init; }
    public long? NextAt { get; init; }
    /// <summary>The agencies told of its escalation, space-separated: they hear when it is met after all.</summary>
    public string Notified { get; init; } = "";

    public bool IsOpen => MetAt is null && ClosedAt is null;
}

/// <summary>Opens, meets and closes chain deadlines inside a unit; <see cref="ChainDueWork"/> fires them.</summary>
public static class ChainDeadlineStore
{
    const string Columns = """
        deadline_id AS DeadlineId, family_id AS FamilyId, kind AS Kind, ref AS Ref, owner AS Owner, due_at AS DueAt, remind_at AS RemindAt,
        reminded_at AS RemindedAt, met_at AS MetAt, missed_at AS MissedAt, closed_at AS ClosedAt, level AS Level, next_at AS NextAt, notified AS Notified
        """;

    public static string IdOf(string kind, string reference, string owner) => Adapters.DeterministicId.From("chain-deadline", $"{kind}/{reference}/{owner}").ToString();

    /// <summary>Opens a deadline (once: an open one with the same kind, reference and owner stays as it is).</summary>
    public static async Task OpenAsync(WriteScope scope, string familyId, string kind, string reference, string owner, DateTimeOffset due, DateTimeOffset? remind = null)
    {
        var id = IdOf(kind, reference, owner);
        var existing = await LoadAsync(scope, id).ConfigureAwait(false);
        if (existing is { IsOpen: true })
            return;
        if (existing is not null)
            await scope.Connection.ExecuteAsync("DELETE FROM chain_deadlines WHERE deadline_id = @Id", new { Id = id }, scope.Transaction).ConfigureAwait(false);
        var next = remind is { } r && r < due ? r : due;
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO chain_deadlines (deadline_id, family_id, kind, ref, owner, due_at, remind_at, next_at)
            VALUES (@Id, @Family, @Kind, @Ref, @Owner, @Due, @Remind, @Next)
            """,
            new { Id = id, Family = familyId, Kind = kind, Ref = reference, Owner = owner, Due = Epoch.Ms(due), Remind = Epoch.Ms(remind), Next = Epoch.Ms(next) },
            scope.Transaction).ConfigureAwait(false);
    }

    public static Task<ChainDeadline?> LoadAsync(WriteScope scope, string id) =>
        scope.Connection.QuerySingleOrDefaultAsync<ChainDeadline>($"SELECT {Columns} FROM chain_deadlines WHERE deadline_id = @Id", new { Id = id }, scope.Transaction);

    public static async Task<IReadOnlyList<ChainDeadline>> OpenOfAsync(WriteScope scope, string familyId, string kind, string? reference = null, string? owner = null) =>
        (await scope.Connection.QueryAsync<ChainDeadline>(
            $"""
            SELECT {Columns} FROM chain_deadlines
            WHERE family_id = @Family AND kind = @Kind AND met_at IS NULL AND closed_at IS NULL
              AND (@Ref IS NULL OR ref = @Ref) AND (@Owner IS NULL OR owner = @Owner)
            ORDER BY due_at
            """, new { Family = familyId, Kind = kind, Ref = reference, Owner = owner }, scope.Transaction).ConfigureAwait(false)).ToList();

    /// <summary>
    /// The awaited thing happened: the deadline is met, and when it had climbed the ladder, everyone told hears it is resolved.
    /// True when there was one to meet.
    /// </summary>
    public static async Task<bool> MeetAsync(WriteScope scope, ChainMail mail, string familyId, string kind, string reference, string? owner, string by, DateTimeOffset at)
    {
        var met = false;
        foreach (var d in await OpenOfAsync(scope, familyId, kind, reference, owner).ConfigureAwait(false))
        {
            await scope.Connection.ExecuteAsync("UPDATE chain_deadlines SET met_at = @At, next_at = NULL WHERE deadline_id = @Id",
                new { Id = d.DeadlineId, At = Epoch.Ms(at) }, scope.Transaction).ConfigureAwait(false);
            met = true;
            if (d.Level > 0)
                foreach (var agency in d.Notified.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    mail.Notice(agency, Contracts.Messages.ChainNoticeKinds.ChainEscalationResolved, ChainTexts.Resolved(d.Kind), new Dictionary<string, string>
                    {
                        ["familyId"] = d.FamilyId, ["deadline"] = d.Kind, ["reference"] = d.Ref, ["owner"] = d.Owner, ["level"] = d.Level.ToString(),
                        ["resolvedAt"] = ChainMail.When(at), ["resolvedBy"] = by,
                    }, at);
        }
        return met;
    }

    /// <summary>No longer awaited (an action dropped from the plan, an assignment superseded).</summary>
    public static Task CloseAsync(WriteScope scope, string familyId, string kind, string? reference, DateTimeOffset at) =>
        scope.Connection.ExecuteAsync(
            """
            UPDATE chain_deadlines SET closed_at = @At, next_at = NULL
            WHERE family_id = @Family AND kind = @Kind AND (@Ref IS NULL OR ref = @Ref) AND met_at IS NULL AND closed_at IS NULL
            """, new { Family = familyId, Kind = kind, Ref = reference, At = Epoch.Ms(at) }, scope.Transaction);

    /// <summary>Another agency now owes it (a new coordinator owes the plan).</summary>
    public static Task ReassignAsync(WriteScope scope, string familyId, string kind, string owner) =>
        scope.Connection.ExecuteAsync(
            "UPDATE chain_deadlines SET owner = @Owner WHERE family_id = @Family AND kind = @Kind AND met_at IS NULL AND closed_at IS NULL",
            new { Family = familyId, Kind = kind, Owner = owner }, scope.Transaction);

    public static Task SaveProgressAsync(WriteScope scope, ChainDeadline d) =>
        scope.Connection.ExecuteAsync(
            """
            UPDATE chain_deadlines SET reminded_at = @RemindedAt, missed_at = @MissedAt, level = @Level, next_at = @NextAt, notified = @Notified,
                   lease_until = NULL
            WHERE deadline_id = @DeadlineId
            """, d, scope.Transaction);
}
