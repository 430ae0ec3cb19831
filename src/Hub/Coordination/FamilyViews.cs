using System.Data.Common;
using System.Text.Json;
using Dapper;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Signals;

namespace IntegrationHub.Hub.Coordination;

/// <summary>
/// A family as its parties see it (who coordinates, the plan and who owes what: what they agreed to share) and as
/// the chain office sees it (also every signal, match, handover and deadline). Neither holds a child's name or BSN:
/// the hub has none.
/// </summary>
public sealed class FamilyViews(HubDatabase database, TimeProvider clock)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<object?> ForPartyAsync(string familyId, string agency, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (!await FamilyAccess.IsPartyAsync(c, null, familyId, agency, now).ConfigureAwait(false))
            return null;
        var family = await FamilyAsync(c, familyId).ConfigureAwait(false);
        return family is null ? null : new
        {
            familyId, region = family.Value.Region,
            coordination = await CoordinationAsync(c, familyId).ConfigureAwait(false),
            plan = await PlanAsync(c, familyId, now).ConfigureAwait(false),
            yourMatches = (await c.QueryAsync<(string MatchId, string Kind, long At)>(
                """
                SELECT DISTINCT m.match_id, m.kind, m.created_at FROM matches m JOIN match_parties p ON p.match_id = m.match_id
                WHERE m.family_id = @Family AND p.agency = @Agency ORDER BY m.created_at
                """, new { Family = familyId, Agency = agency }).ConfigureAwait(false)).Select(m => new { matchId = m.MatchId, kind = m.Kind, at = Epoch.At(m.At) }),
        };
    }

    public async Task<object?> ForOperatorAsync(string familyId, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (await FamilyAsync(c, familyId).ConfigureAwait(false) is not { } family)
            return null;
        var p = new { Family = familyId, Now = Epoch.Ms(now) };
        var signals = await c.QueryAsync<(string SignalId, string Agency, string SubjectKey, string Kind, string MeetingId, string Professional, long CreatedAt,
            long UpdatedAt, long ActiveUntil, long VisibleUntil, string Source)>(
            """
            SELECT s.signal_id, s.agency, s.subject_key, s.kind, s.meeting_id, s.professional, s.created_at, s.updated_at, s.active_until, s.visible_until, s.source
            FROM signals s JOIN chain_subjects cs ON cs.subject_key = s.subject_key WHERE cs.family_id = @Family ORDER BY s.created_at, s.signal_id
            """, p).ConfigureAwait(false);
        var members = (await c.QueryAsync<string>("SELECT subject_key FROM chain_subjects WHERE family_id = @Family ORDER BY subject_key", p).ConfigureAwait(false)).ToList();
        var matches = await c.QueryAsync<(string MatchId, string Kind, long CreatedAt)>(
            "SELECT match_id, kind, created_at FROM matches WHERE family_id = @Family ORDER BY created_at", p).ConfigureAwait(false);
        var parties = (await c.QueryAsync<(string MatchId, string Agency, long? ConfirmedAt)>(
            "SELECT p.match_id, p.agency, p.confirmed_at FROM match_parties p JOIN matches m ON m.match_id = p.match_id WHERE m.family_id = @Family", p)
            .ConfigureAwait(false)).ToLookup(x => x.MatchId);
        var handovers = await c.QueryAsync<(string HandoverId, string SubjectKey, string Sender, string Receiver, long SubmittedAt, string? State)>(
            """
            SELECT ch.handover_id, ch.subject_key, ch.sender, ch.receiver, ch.submitted_at, h.current_state
            FROM chain_handovers ch JOIN chain_subjects cs ON cs.subject_key = ch.subject_key LEFT JOIN handovers h ON h.correlation_id = ch.handover_id
            WHERE cs.family_id = @Family ORDER BY ch.submitted_at
            """, p).ConfigureAwait(false);
        var links = (await c.QueryAsync<(string HandoverId, string OtherId, string Kind)>(
            """
            SELECT l.handover_id, l.other_id, l.kind FROM handover_links l JOIN chain_handovers ch ON ch.handover_id = l.handover_id
            JOIN chain_subjects cs ON cs.subject_key = ch.subject_key WHERE cs.family_id = @Family
            """, p).ConfigureAwait(false)).ToLookup(l => l.HandoverId);
        var deadlines = await c.QueryAsync<ChainDeadline>(
            """
            SELECT deadline_id AS DeadlineId, family_id AS FamilyId, kind AS Kind, ref AS Ref, owner AS Owner, due_at AS DueAt, remind_at AS RemindAt,
                   reminded_at AS RemindedAt, met_at AS MetAt, missed_at AS MissedAt, closed_at AS ClosedAt, level AS Level, next_at AS NextAt, notified AS Notified
            FROM chain_deadlines WHERE family_id = @Family ORDER BY due_at
            """, p).ConfigureAwait(false);
        // Children are numbered in the view, never named: "child 1" is the first subject key in order.
        var number = members.Select((key, i) => (key, i + 1)).ToDictionary(x => x.key, x => x.Item2);
        return new
        {
            familyId, region = family.Region, municipality = family.Municipality, createdAt = Epoch.At(family.CreatedAt), children = members.Count,
            stagnatingSince = Epoch.At(family.StagnatingSince), stagnationReason = family.StagnationReason,
            needsCoordinator = family.NeedsCoordinator != 0, noCoordinatorSince = Epoch.At(family.NoCoordinatorSince),
            signals = signals.Select(s => new
            {
                signalId = s.SignalId, agencyId = s.Agency, child = number.GetValueOrDefault(s.SubjectKey), kind = s.Kind,
                meetingId = s.MeetingId.Length == 0 ? null : s.MeetingId, professional = ProfessionalContact.FromJson(s.Professional), source = s.Source,
                at = Epoch.At(s.CreatedAt), updatedAt = Epoch.At(s.UpdatedAt), active = s.ActiveUntil > Epoch.Ms(now), activeUntil = Epoch.At(s.ActiveUntil),
                visibleUntil = Epoch.At(s.VisibleUntil),
            }),
            matches = matches.Select(m => new
            {
                matchId = m.MatchId, kind = m.Kind, at = Epoch.At(m.CreatedAt),
                parties = parties[m.MatchId].Select(x => new { agencyId = x.Agency, contactConfirmedAt = Epoch.At(x.ConfirmedAt) }),
            }),
            handovers = handovers.Select(h => new
            {
                handoverId = h.HandoverId, child = number.GetValueOrDefault(h.SubjectKey), sender = h.Sender, receiver = h.Receiver,
                state = h.State is null ? "purged" : StateNames.Public(h.State), submittedAt = Epoch.At(h.SubmittedAt),
                links = links[h.HandoverId].Select(l => new { otherHandoverId = l.OtherId, kind = l.Kind }),
            }),
            coordination = await CoordinationAsync(c, familyId).ConfigureAwait(false),
            plan = await PlanAsync(c, familyId, now).ConfigureAwait(false),
            deadlines = deadlines.Select(d => new
            {
                kind = d.Kind, reference = d.Ref, owner = d.Owner, dueAt = Epoch.At(d.DueAt), metAt = Epoch.At(d.MetAt), missedAt = Epoch.At(d.MissedAt),
                closedAt = Epoch.At(d.ClosedAt), level = d.Level,
            }),
        };
    }

    static Task<(string Region, string Municipality, long CreatedAt, long NeedsCoordinator, long? NoCoordinatorSince, long? StagnatingSince, string? StagnationReason)?>
        FamilyAsync(DbConnection c, string familyId) =>
        c.QuerySingleOrDefaultAsync<(string, string, long, long, long?, long?, string?)?>(
            """
            SELECT region, municipality, created_at, needs_coordinator, no_coordinator_since, stagnating_since, stagnation_reason
            FROM families WHERE family_id = @Family
            """, new { Family = familyId });

    static async Task<object> CoordinationAsync(DbConnection c, string familyId)
    {
        var assignments = await c.QueryAsync<(string Agency, string Rule, string Status, long AssignedAt, long AcceptBy, long? DecidedAt, string? Reason, string? Professional)>(
            """
            SELECT agency, rule, status, assigned_at, accept_by, decided_at, reason, professional FROM coordinator_assignments
            WHERE family_id = @Family ORDER BY assigned_at, assignment_id
            """, new { Family = familyId }).ConfigureAwait(false);
        var list = assignments.Select(a => new
        {
            agencyId = a.Agency, rule = a.Rule, status = a.Status, assignedAt = Epoch.At(a.AssignedAt), acceptBy = Epoch.At(a.AcceptBy),
            decidedAt = Epoch.At(a.DecidedAt), reason = a.Reason, contact = a.Professional is null ? null : ProfessionalContact.FromJson(a.Professional),
        }).ToList();
        return new
        {
            coordinator = list.LastOrDefault(a => a.status == CoordinatorAssignments.Accepted),
            pending = list.LastOrDefault(a => a.status == CoordinatorAssignments.Pending),
            history = list,
        };
    }

    static async Task<object?> PlanAsync(DbConnection c, string familyId, DateTimeOffset now)
    {
        var plan = await c.QuerySingleOrDefaultAsync<(long Version, string Coordinator, string Contact, string Goals, string Uri, string Sha, long RegisteredAt, long UpdatedAt)?>(
            """
            SELECT version, coordinator, contact, goals, narrative_uri, narrative_sha256, registered_at, updated_at FROM family_plans WHERE family_id = @Family
            """, new { Family = familyId }).ConfigureAwait(false);
        var due = await c.QuerySingleOrDefaultAsync<(long DueAt, long? MissedAt, long Level)?>(
            """
            SELECT due_at, missed_at, level FROM chain_deadlines WHERE family_id = @Family AND kind IN ('plan', 'plan-review') AND met_at IS NULL AND closed_at IS NULL
            ORDER BY due_at LIMIT 1
            """, new { Family = familyId }).ConfigureAwait(false);
        if (plan is not { } p)
            return due is { } d ? new { registered = false, dueAt = Epoch.At(d.DueAt), late = d.MissedAt is not null } : null;
        var actions = await c.QueryAsync<(string Id, string Party, string Title, string Due, long? DoneAt, string? DoneBy, long? ClosedAt, long? MissedAt, long? Level)>(
            """
            SELECT a.action_id, a.party, a.title, a.due_date, a.done_at, a.done_by, a.closed_at, d.missed_at, d.level
            FROM plan_actions a LEFT JOIN chain_deadlines d ON d.kind = 'action' AND d.ref = a.action_id AND d.owner = a.party
            WHERE a.family_id = @Family ORDER BY a.due_date, a.action_id
            """, new { Family = familyId }).ConfigureAwait(false);
        return new
        {
            registered = true, version = p.Version, coordinator = p.Coordinator, contactPerson = JsonSerializer.Deserialize<PlanContact>(p.Contact, Json),
            goals = JsonSerializer.Deserialize<List<string>>(p.Goals, Json), narrative = new { uri = p.Uri, sha256 = p.Sha },
            registeredAt = Epoch.At(p.RegisteredAt), updatedAt = Epoch.At(p.UpdatedAt),
            reviewBy = due is { } r ? Epoch.At(r.DueAt) : (DateTimeOffset?)null, reviewLate = due is { MissedAt: not null },
            actions = actions.Where(a => a.ClosedAt is null).Select(a => new
            {
                actionId = a.Id, party = a.Party, title = a.Title, due = a.Due, doneAt = Epoch.At(a.DoneAt), doneBy = a.DoneBy,
                overdue = a.DoneAt is null && a.MissedAt is not null, escalationLevel = a.Level ?? 0,
            }),
        };
    }
}
