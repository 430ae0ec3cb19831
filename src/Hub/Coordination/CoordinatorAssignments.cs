using Dapper;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Signals;

namespace IntegrationHub.Hub.Coordination;

/// <summary>
/// Who coordinates a family (zorgcoördinatie, regie): when a match or enough active signals concern it, the region's
/// decision table names an agency, which must accept within the region's term; declined or not accepted in time, the
/// next rule that holds applies and the chain office hears. A rule earlier in the table that comes to hold later
/// (BJZ becomes involved) takes coordination over once its agency accepts; until then the coordinator stays: never
/// let go before another has taken over (seed 000:623-625).
/// </summary>
public sealed class CoordinatorAssignments(Families families, AgencyDirectory directory, CovenantBook covenants)
{
    public const string Pending = "pending";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Expired = "expired";
    public const string Replaced = "replaced";

    /// <summary>Looks at the family again after something changed (a signal, a match, stagnation, a refusal) and assigns what the table says.</summary>
    public async Task ReviewAsync(WriteScope scope, ChainMail mail, string familyId, DateTimeOffset now)
    {
        var (c, tx) = (scope.Connection, scope.Transaction);
        var region = await families.RegionAsync(scope, familyId).ConfigureAwait(false);
        var facts = await families.FactsAsync(scope, familyId, now).ConfigureAwait(false);
        if (!facts.Matched && facts.ActiveSignals < region.Terms.SignalsForCoordination && !facts.Stagnating)
            return;
        var assignments = await ListAsync(scope, familyId).ConfigureAwait(false);
        if (assignments.Any(a => a.Status == Pending))
            return;
        var current = assignments.FirstOrDefault(a => a.Status == Accepted);
        var excluded = assignments.Where(a => a.Status is Declined or Expired).Select(a => (int)a.RuleIndex).ToHashSet();

        (int Index, CoordinationRule Rule, string? Agency)? choice = null;
        while (region.Table.Evaluate(facts, excluded) is { } found)
        {
            if (found.Rule.Coordinator is null)
            {
                choice = (found.Index, found.Rule, null);
                break;
            }
            // An agency tried before for this family is not asked again by another rule either.
            if (found.Rule.Coordinator.Resolve(facts, region.Roles) is { } agency
                && !assignments.Any(a => a.Agency == agency && a.Status is Declined or Expired))
            {
                choice = (found.Index, found.Rule, agency);
                break;
            }
            excluded.Add(found.Index);
        }

        if (choice is null)
        {
            if (current is not null)
                return;
            var was = await c.ExecuteScalarAsync<long?>("SELECT no_coordinator_since FROM families WHERE family_id = @Family", new { Family = familyId }, tx)
                .ConfigureAwait(false);
            await c.ExecuteAsync("UPDATE families SET needs_coordinator = 1, no_coordinator_since = COALESCE(no_coordinator_since, @Now) WHERE family_id = @Family",
                new { Family = familyId, Now = Epoch.Ms(now) }, tx).ConfigureAwait(false);
            if (was is null)
                mail.Notice(region.ChainOffice, ChainNoticeKinds.NoCoordinator, ChainTexts.NoCoordinator, new Dictionary<string, string>
                {
                    ["familyId"] = familyId, ["region"] = region.Name, ["table"] = region.Table.Name,
                    ["involved"] = string.Join(", ", facts.Involved.Select(i => i.Agency)),
                    ["tried"] = string.Join(", ", assignments.Select(a => $"{a.Agency} ({a.Status})")),
                }, now);
            return;
        }
        var (index, rule, coordinator) = choice.Value;
        if (coordinator is null)
        {
            // The table says no coordinator is needed (Almere level 1); one who coordinates already goes on doing so.
            if (current is null)
                await c.ExecuteAsync("UPDATE families SET needs_coordinator = 0 WHERE family_id = @Family", new { Family = familyId }, tx).ConfigureAwait(false);
            return;
        }
        if (current is not null && (current.Agency == coordinator || index >= current.RuleIndex))
            return;

        var assignmentId = Guid.NewGuid().ToString();
        var acceptBy = region.Terms.CoordinatorAccept.AddTo(now, covenants.Region.Calendar);
        await c.ExecuteAsync(
            """
            INSERT INTO coordinator_assignments (assignment_id, family_id, agency, rule, rule_index, status, assigned_at, accept_by, plan_within)
            VALUES (@Id, @Family, @Agency, @Rule, @Index, 'pending', @Now, @AcceptBy, @PlanWithin)
            """,
            new
            {
                Id = assignmentId, Family = familyId, Agency = coordinator, Rule = rule.Name, Index = index, Now = Epoch.Ms(now), AcceptBy = Epoch.Ms(acceptBy),
                PlanWithin = rule.PlanWithin?.ToString(),
            }, tx).ConfigureAwait(false);
        await c.ExecuteAsync("UPDATE families SET needs_coordinator = 1 WHERE family_id = @Family", new { Family = familyId }, tx).ConfigureAwait(false);
        await ChainDeadlineStore.OpenAsync(scope, familyId, ChainDeadlineKinds.CoordinatorAccept, assignmentId, coordinator, acceptBy).ConfigureAwait(false);
        mail.Notice(coordinator, ChainNoticeKinds.CoordinatorAssigned, ChainTexts.CoordinatorAssigned, new Dictionary<string, string>
        {
            ["familyId"] = familyId, ["assignmentId"] = assignmentId, ["region"] = region.Name, ["table"] = region.Table.Name, ["rule"] = rule.Name,
            ["condition"] = rule.When.ToString(), ["acceptBy"] = ChainMail.When(acceptBy),
            ["involved"] = string.Join(", ", facts.Involved.Select(i => i.Agency)),
            ["takesOverFrom"] = current?.Agency ?? "",
            ["answer"] = $"POST /api/families/{familyId}/coordination",
        }, now);
    }

    /// <summary>The assigned agency accepts (with the professional who coordinates) or declines (with a reason).</summary>
    /// <returns>null when done; otherwise why not (no pending assignment for this agency).</returns>
    public async Task<string?> DecideAsync(WriteScope scope, ChainMail mail, string familyId, string agency, bool accept, string? reason,
        ProfessionalContact? professional, DateTimeOffset now)
    {
        var assignments = await ListAsync(scope, familyId).ConfigureAwait(false);
        if (assignments.FirstOrDefault(a => a.Status == Pending && a.Agency == agency) is not { } pending)
            return assignments.Any(a => a.Agency == agency && a.Status == Accepted)
                ? "this agency already coordinates the family"
                : "no coordination of this family awaits this agency's answer";
        var region = await families.RegionAsync(scope, familyId).ConfigureAwait(false);
        var (c, tx) = (scope.Connection, scope.Transaction);
        await c.ExecuteAsync(
            "UPDATE coordinator_assignments SET status = @Status, decided_at = @Now, reason = @Reason, professional = @Professional WHERE assignment_id = @Id",
            new { Id = pending.AssignmentId, Status = accept ? Accepted : Declined, Now = Epoch.Ms(now), Reason = reason, Professional = professional?.ToJson() }, tx)
            .ConfigureAwait(false);
        await ChainDeadlineStore.MeetAsync(scope, mail, familyId, ChainDeadlineKinds.CoordinatorAccept, pending.AssignmentId, agency, agency, now).ConfigureAwait(false);
        if (!accept)
        {
            mail.Notice(region.ChainOffice, ChainNoticeKinds.CoordinatorNotAccepted, ChainTexts.CoordinatorNotAccepted, new Dictionary<string, string>
            {
                ["familyId"] = familyId, ["agency"] = agency, ["rule"] = pending.Rule, ["outcome"] = "declined", ["reason"] = reason ?? "",
            }, now);
            await ReviewAsync(scope, mail, familyId, now).ConfigureAwait(false);
            return null;
        }

        if (assignments.FirstOrDefault(a => a.Status == Accepted) is { } previous)
        {
            await c.ExecuteAsync("UPDATE coordinator_assignments SET status = 'replaced', decided_at = @Now WHERE assignment_id = @Id",
                new { Id = previous.AssignmentId, Now = Epoch.Ms(now) }, tx).ConfigureAwait(false);
            mail.Notice(previous.Agency, ChainNoticeKinds.CoordinatorReplaced, ChainTexts.CoordinatorReplaced, new Dictionary<string, string>
            {
                ["familyId"] = familyId, ["coordinator"] = agency, ["rule"] = pending.Rule,
            }, now);
        }
        await c.ExecuteAsync("UPDATE families SET needs_coordinator = 1, no_coordinator_since = NULL WHERE family_id = @Family", new { Family = familyId }, tx)
            .ConfigureAwait(false);
        // The plan is the coordinator's to make (or keep up): due within the rule's term, else the region's.
        var hasPlan = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM family_plans WHERE family_id = @Family", new { Family = familyId }, tx).ConfigureAwait(false) > 0;
        await ChainDeadlineStore.ReassignAsync(scope, familyId, ChainDeadlineKinds.PlanReview, agency).ConfigureAwait(false);
        if (!hasPlan)
        {
            // A coordinator who takes over before there is a plan convenes everyone on its own rule's term.
            await ChainDeadlineStore.CloseAsync(scope, familyId, ChainDeadlineKinds.Plan, familyId, now).ConfigureAwait(false);
            var within = pending.PlanWithin is { } text ? Calendar.DeadlineSpan.Parse(text) : region.Terms.PlanDue;
            await ChainDeadlineStore.OpenAsync(scope, familyId, ChainDeadlineKinds.Plan, familyId, agency, within.AddTo(now, covenants.Region.Calendar)).ConfigureAwait(false);
        }
        var facts = await families.FactsAsync(scope, familyId, now).ConfigureAwait(false);
        var contact = professional?.Describe() ?? directory.Find(agency)?.Name ?? agency;
        foreach (var party in facts.Involved.Select(i => i.Agency).Append(region.ChainOffice).Distinct())
            mail.Notice(party, ChainNoticeKinds.CoordinatorAccepted, ChainTexts.CoordinatorAccepted, new Dictionary<string, string>
            {
                ["familyId"] = familyId, ["coordinator"] = agency, ["contact"] = contact, ["rule"] = pending.Rule, ["table"] = region.Table.Name,
            }, now);
        return null;
    }

    /// <summary>The assigned agency did not answer in time: the chain office hears, and the next rule applies.</summary>
    public async Task ExpireAsync(WriteScope scope, ChainMail mail, string familyId, string assignmentId, DateTimeOffset now)
    {
        var (c, tx) = (scope.Connection, scope.Transaction);
        var updated = await c.ExecuteAsync(
            "UPDATE coordinator_assignments SET status = 'expired', decided_at = @Now WHERE assignment_id = @Id AND status = 'pending'",
            new { Id = assignmentId, Now = Epoch.Ms(now) }, tx).ConfigureAwait(false);
        if (updated == 0)
            return;
        var expired = (await ListAsync(scope, familyId).ConfigureAwait(false)).Single(a => a.AssignmentId == assignmentId);
        var region = await families.RegionAsync(scope, familyId).ConfigureAwait(false);
        mail.Notice(region.ChainOffice, ChainNoticeKinds.CoordinatorNotAccepted, ChainTexts.CoordinatorNotAccepted, new Dictionary<string, string>
        {
            ["familyId"] = familyId, ["agency"] = expired.Agency, ["rule"] = expired.Rule, ["outcome"] = "not accepted in time",
            ["acceptBy"] = ChainMail.When(Epoch.At(expired.AcceptBy)),
        }, now);
        await ReviewAsync(scope, mail, familyId, now).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<Assignment>> ListAsync(WriteScope scope, string familyId) =>
        (await scope.Connection.QueryAsync<Assignment>(
            """
            SELECT assignment_id AS AssignmentId, agency AS Agency, rule AS Rule, rule_index AS RuleIndex, status AS Status, assigned_at AS AssignedAt,
                   accept_by AS AcceptBy, decided_at AS DecidedAt, reason AS Reason, professional AS Professional, plan_within AS PlanWithin
            FROM coordinator_assignments WHERE family_id = @Family ORDER BY assigned_at, assignment_id
            """, new { Family = familyId }, scope.Transaction).ConfigureAwait(false)).ToList();

    public sealed record Assignment
    {
        public string AssignmentId { get; init; } = "";
        public string Agency { get; init; } = "";
        public string Rule { get; init; } = "";
        public long RuleIndex { get; init; }
        public string Status { get; init; } = "";
        public long AssignedAt { get; init; }
        public long AcceptBy { get; init; }
        public long? DecidedAt { get; init; }
        public string? Reason { get; init; }
        public string? Professional { get; init; }
        public string? PlanWithin { get; init; }
    }
}
