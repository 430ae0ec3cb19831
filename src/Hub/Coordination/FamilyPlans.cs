using System.Globalization;
using System.Text.Json;
using Dapper;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Signals;

namespace IntegrationHub.Hub.Coordination;

/// <summary>A plan as the coordinator registers it: short goals, actions {party, title, due}, the family's contact person, the narrative by reference.</summary>
public sealed record PlanRegistration(
    IReadOnlyList<string> Goals, IReadOnlyList<PlanActionRegistration> Actions, PlanContact Contact, Uri NarrativeUri, string NarrativeSha256);

/// <param name="Id">an action of an earlier version of the plan, kept (its state with it); null for a new one.</param>
public sealed record PlanActionRegistration(Guid? Id, string Party, string Title, DateOnly Due);

/// <summary>The family's contact person (gezinscontactpersoon): a professional, with the agency they work for.</summary>
public sealed record PlanContact(string AgencyId, string Name, string? Role, string? Phone, string? Email);

/// <summary>
/// One family, one plan (seed 002:824-827, 876-877; seed 004:48-50): binding agreements on who does what. The coordinator
/// registers it and reviews it by registering it again (the region's review term, default every 6 weeks); each action
/// is a watched deadline addressed to the party that owes it and climbs the ladder when missed. The narrative stays in
/// the coordinator's own system: the hub keeps its URI and hash.
/// </summary>
public sealed class FamilyPlans(Families families, CovenantBook covenants)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <returns>the plan's new version and its actions' ids.</returns>
    public async Task<(int Version, IReadOnlyList<Guid> Actions)> RegisterAsync(WriteScope scope, ChainMail mail, string familyId, string coordinator,
        PlanRegistration plan, DateTimeOffset now)
    {
        var (c, tx) = (scope.Connection, scope.Transaction);
        var region = await families.RegionAsync(scope, familyId).ConfigureAwait(false);
        var calendar = covenants.Region.Calendar;
        var version = (int)(await c.ExecuteScalarAsync<long?>("SELECT version FROM family_plans WHERE family_id = @Family", new { Family = familyId }, tx)
            .ConfigureAwait(false) ?? 0) + 1;
        var values = new
        {
            Family = familyId, Version = version, Coordinator = coordinator, Contact = JsonSerializer.Serialize(plan.Contact, Json),
            Goals = JsonSerializer.Serialize(plan.Goals, Json), Uri = plan.NarrativeUri.ToString(), Sha = plan.NarrativeSha256, Now = Epoch.Ms(now),
        };
        if (version == 1)
            await c.ExecuteAsync(
                """
                INSERT INTO family_plans (family_id, version, coordinator, contact, goals, narrative_uri, narrative_sha256, registered_at, updated_at)
                VALUES (@Family, @Version, @Coordinator, @Contact, @Goals, @Uri, @Sha, @Now, @Now)
                """, values, tx).ConfigureAwait(false);
        else
            await c.ExecuteAsync(
                """
                UPDATE family_plans SET version = @Version, coordinator = @Coordinator, contact = @Contact, goals = @Goals, narrative_uri = @Uri,
                       narrative_sha256 = @Sha, updated_at = @Now
                WHERE family_id = @Family
                """, values, tx).ConfigureAwait(false);

        // Registering is the plan's first deadline met, and every later registration the review that was due.
        await ChainDeadlineStore.MeetAsync(scope, mail, familyId, ChainDeadlineKinds.Plan, familyId, null, coordinator, now).ConfigureAwait(false);
        await ChainDeadlineStore.MeetAsync(scope, mail, familyId, ChainDeadlineKinds.PlanReview, familyId, null, coordinator, now).ConfigureAwait(false);
        await ChainDeadlineStore.OpenAsync(scope, familyId, ChainDeadlineKinds.PlanReview, familyId, coordinator, region.Terms.PlanReview.AddTo(now, calendar))
            .ConfigureAwait(false);

        var open = (await c.QueryAsync<(string Id, string Party, string Title, string Due)>(
            "SELECT action_id, party, title, due_date FROM plan_actions WHERE family_id = @Family AND done_at IS NULL AND closed_at IS NULL",
            new { Family = familyId }, tx).ConfigureAwait(false)).ToDictionary(a => a.Id);
        var ids = new List<Guid>();
        foreach (var action in plan.Actions)
        {
            var id = action.Id ?? Guid.NewGuid();
            ids.Add(id);
            var due = action.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (open.Remove(id.ToString(), out var was))
            {
                await c.ExecuteAsync("UPDATE plan_actions SET party = @Party, title = @Title, due_date = @Due WHERE action_id = @Id",
                    new { Id = id.ToString(), action.Party, action.Title, Due = due }, tx).ConfigureAwait(false);
                if (was.Party == action.Party && was.Due == due)
                    continue;
                // Another party or another date: the old deadline is no longer awaited, a new one is.
                await ChainDeadlineStore.CloseAsync(scope, familyId, ChainDeadlineKinds.Action, id.ToString(), now).ConfigureAwait(false);
            }
            else
            {
                var known = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM plan_actions WHERE action_id = @Id", new { Id = id.ToString() }, tx).ConfigureAwait(false);
                if (known > 0)
                    continue; // done already (or dropped): a repeated action keeps what happened to it
                await c.ExecuteAsync(
                    "INSERT INTO plan_actions (action_id, family_id, party, title, due_date) VALUES (@Id, @Family, @Party, @Title, @Due)",
                    new { Id = id.ToString(), Family = familyId, action.Party, action.Title, Due = due }, tx).ConfigureAwait(false);
            }
            await ChainDeadlineStore.OpenAsync(scope, familyId, ChainDeadlineKinds.Action, id.ToString(), action.Party,
                Deadlines.DeadlineRules.OnDate(action.Due, calendar)).ConfigureAwait(false);
            mail.Notice(action.Party, ChainNoticeKinds.PlanAction, ChainTexts.PlanAction, new Dictionary<string, string>
            {
                ["familyId"] = familyId, ["actionId"] = id.ToString(), ["title"] = action.Title, ["due"] = due, ["coordinator"] = coordinator,
                ["done"] = $"POST /api/families/{familyId}/plan/actions/{id}/done",
            }, now);
        }
        // What the new version no longer holds is no longer owed.
        foreach (var dropped in open.Keys)
        {
            await c.ExecuteAsync("UPDATE plan_actions SET closed_at = @Now WHERE action_id = @Id", new { Id = dropped, Now = Epoch.Ms(now) }, tx).ConfigureAwait(false);
            await ChainDeadlineStore.CloseAsync(scope, familyId, ChainDeadlineKinds.Action, dropped, now).ConfigureAwait(false);
        }

        var facts = await families.FactsAsync(scope, familyId, now).ConfigureAwait(false);
        foreach (var party in facts.Involved.Select(i => i.Agency).Concat(plan.Actions.Select(a => a.Party)).Append(plan.Contact.AgencyId).Distinct())
            mail.Notice(party, ChainNoticeKinds.PlanRegistered, ChainTexts.PlanRegistered, new Dictionary<string, string>
            {
                ["familyId"] = familyId, ["version"] = version.ToString(CultureInfo.InvariantCulture), ["coordinator"] = coordinator,
                ["contactPerson"] = $"{plan.Contact.Name} ({plan.Contact.AgencyId})", ["goals"] = string.Join(" | ", plan.Goals),
                ["reviewBy"] = ChainMail.When(region.Terms.PlanReview.AddTo(now, calendar)),
            }, now);
        return (version, ids);
    }

    /// <summary>The party that owes an action (or the coordinator) reports it done. Null when done; otherwise why not.</summary>
    public static async Task<string?> DoneAsync(WriteScope scope, ChainMail mail, string familyId, Guid actionId, string by, bool byCoordinator, DateTimeOffset now)
    {
        var (c, tx) = (scope.Connection, scope.Transaction);
        var action = await c.QuerySingleOrDefaultAsync<(string Party, long? DoneAt, long? ClosedAt)?>(
            "SELECT party, done_at, closed_at FROM plan_actions WHERE action_id = @Id AND family_id = @Family", new { Id = actionId.ToString(), Family = familyId }, tx)
            .ConfigureAwait(false);
        if (action is not { } a)
            return "no such action in this family's plan";
        if (a.Party != by && !byCoordinator)
            return "the action is owed by another party; it or the coordinator reports it done";
        if (a.DoneAt is not null || a.ClosedAt is not null)
            return "the action is done already, or no longer in the plan";
        await c.ExecuteAsync("UPDATE plan_actions SET done_at = @Now, done_by = @By WHERE action_id = @Id",
            new { Id = actionId.ToString(), Now = Epoch.Ms(now), By = by }, tx).ConfigureAwait(false);
        await ChainDeadlineStore.MeetAsync(scope, mail, familyId, ChainDeadlineKinds.Action, actionId.ToString(), null, by, now).ConfigureAwait(false);
        return null;
    }
}
