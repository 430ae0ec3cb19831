using Dapper;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Coordination;

/// <summary>
/// What the chain office must act on (GET /api/operator/chain): families without a coordinator, plans late (not
/// registered or not reviewed in time), actions overdue per party, matches not followed up. Ids, agencies and dates only.
/// </summary>
public sealed class ChainOverview(HubDatabase database, TimeProvider clock)
{
    const int Limit = 200;

    public async Task<object> ReadAsync(CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var p = new { Limit, Now = Epoch.Ms(clock.GetUtcNow()) };
        var withoutCoordinator = await c.QueryAsync<(string FamilyId, string Region, long CreatedAt, long? NoCoordinatorSince, string? PendingAgency, long? AcceptBy)>(
            """
            SELECT f.family_id, f.region, f.created_at, f.no_coordinator_since, pa.agency, pa.accept_by FROM families f
            LEFT JOIN coordinator_assignments pa ON pa.family_id = f.family_id AND pa.status = 'pending'
            WHERE f.needs_coordinator <> 0
              AND NOT EXISTS (SELECT 1 FROM coordinator_assignments a WHERE a.family_id = f.family_id AND a.status = 'accepted')
            ORDER BY f.created_at LIMIT @Limit
            """, p).ConfigureAwait(false);
        var plansLate = await c.QueryAsync<(string FamilyId, string Kind, string Owner, long DueAt, long Level)>(
            """
            SELECT family_id, kind, owner, due_at, level FROM chain_deadlines
            WHERE kind IN ('plan', 'plan-review') AND missed_at IS NOT NULL AND met_at IS NULL AND closed_at IS NULL
            ORDER BY due_at LIMIT @Limit
            """, p).ConfigureAwait(false);
        var actions = (await c.QueryAsync<(string FamilyId, string ActionId, string Owner, string Title, long DueAt, long Level)>(
            """
            SELECT d.family_id, d.ref, d.owner, COALESCE(a.title, ''), d.due_at, d.level FROM chain_deadlines d
            LEFT JOIN plan_actions a ON a.action_id = d.ref
            WHERE d.kind = 'action' AND d.missed_at IS NOT NULL AND d.met_at IS NULL AND d.closed_at IS NULL
            ORDER BY d.owner, d.due_at
            """, p).ConfigureAwait(false)).ToList();
        var matches = await c.QueryAsync<(string MatchId, string FamilyId, string Owner, long DueAt)>(
            """
            SELECT ref, family_id, owner, due_at FROM chain_deadlines
            WHERE kind = 'match-contact' AND missed_at IS NOT NULL AND met_at IS NULL AND closed_at IS NULL
            ORDER BY due_at LIMIT @Limit
            """, p).ConfigureAwait(false);
        var followed = await c.QuerySingleAsync<(long All, long Confirmed)>(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN confirmed_at IS NOT NULL THEN 1 ELSE 0 END), 0) FROM match_parties").ConfigureAwait(false);
        return new
        {
            familiesWithoutCoordinator = withoutCoordinator.Select(f => new
            {
                familyId = f.FamilyId, region = f.Region, since = Epoch.At(f.NoCoordinatorSince ?? f.CreatedAt),
                asked = f.PendingAgency, acceptBy = Epoch.At(f.AcceptBy), noRuleLeft = f.NoCoordinatorSince is not null && f.PendingAgency is null,
            }),
            plansLate = plansLate.Select(l => new { familyId = l.FamilyId, kind = l.Kind, coordinator = l.Owner, dueAt = Epoch.At(l.DueAt), escalationLevel = l.Level }),
            actionsOverdueByParty = actions.GroupBy(a => a.Owner).Select(g => new
            {
                party = g.Key, count = g.Count(),
                actions = g.Take(Limit).Select(a => new { familyId = a.FamilyId, actionId = a.ActionId, title = a.Title, dueAt = Epoch.At(a.DueAt), escalationLevel = a.Level }),
            }),
            matchesNotFollowedUp = matches.Select(m => new { matchId = m.MatchId, familyId = m.FamilyId, party = m.Owner, confirmBy = Epoch.At(m.DueAt) }),
            matchParties = new { total = followed.All, contactConfirmed = followed.Confirmed },
        };
    }
}
