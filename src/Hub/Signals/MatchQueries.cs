using Dapper;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Signals;

/// <summary>One match as its party sees it (GET /api/signals/matches).</summary>
public sealed record MatchView(Guid MatchId, string Kind, Guid FamilyId, DateTimeOffset At, IReadOnlyList<MatchSignalView> Signals, MatchContactView Contact);

/// <param name="Own">the caller's own signal (its id is given only then).</param>
public sealed record MatchSignalView(string AgencyId, ProfessionalContact Professional, DateTimeOffset At, bool Active, bool Own, Guid? SignalId);

public sealed record MatchContactView(DateTimeOffset? ConfirmBy, DateTimeOffset? ConfirmedAt);

/// <summary>
/// An agency's own matches and nothing else (API.md: "its own matches only"): matches in which it has a signal. Each
/// lookup is a delivery-log entry (who looked, when, a hash of what it was shown).
/// </summary>
public sealed class MatchQueries(HubDatabase database, IDeliveryLog deliveryLog, TimeProvider clock)
{
    const int Limit = 500;

    public async Task<IReadOnlyList<MatchView>> ForAgencyAsync(string agency, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var matches = (await connection.QueryAsync<(string MatchId, string Kind, string FamilyId, long CreatedAt)>(
            """
            SELECT DISTINCT m.match_id, m.kind, m.family_id, m.created_at FROM matches m JOIN match_parties p ON p.match_id = m.match_id
            WHERE p.agency = @Agency ORDER BY m.created_at DESC, m.match_id LIMIT @Limit
            """, new { Agency = agency, Limit }).ConfigureAwait(false)).ToList();
        var views = new List<MatchView>();
        foreach (var m in matches)
        {
            var signals = await connection.QueryAsync<(string SignalId, string Agency, string Professional, long CreatedAt, long ActiveUntil, long? ConfirmedAt)>(
                """
                SELECT s.signal_id, s.agency, s.professional, s.created_at, s.active_until, p.confirmed_at
                FROM match_parties p JOIN signals s ON s.signal_id = p.signal_id WHERE p.match_id = @Match ORDER BY s.created_at, s.signal_id
                """, new { Match = m.MatchId }).ConfigureAwait(false);
            var contact = await connection.QuerySingleOrDefaultAsync<long?>(
                "SELECT due_at FROM chain_deadlines WHERE kind = 'match-contact' AND ref = @Match AND owner = @Agency", new { Match = m.MatchId, Agency = agency })
                .ConfigureAwait(false);
            var list = signals.Select(s => new MatchSignalView(s.Agency, ProfessionalContact.FromJson(s.Professional), Epoch.At(s.CreatedAt),
                s.ActiveUntil > Epoch.Ms(now), s.Agency == agency, s.Agency == agency ? Guid.Parse(s.SignalId) : null)).ToList();
            var confirmed = signals.Where(s => s.Agency == agency).Select(s => s.ConfirmedAt).FirstOrDefault();
            views.Add(new MatchView(Guid.Parse(m.MatchId), m.Kind, Guid.Parse(m.FamilyId), Epoch.At(m.CreatedAt), list,
                new MatchContactView(Epoch.At(contact), Epoch.At(confirmed))));
        }
        await deliveryLog.AppendAsync(new DeliveryLogEntry
        {
            At = now, MessageId = Guid.NewGuid(), Receiver = agency, Kind = "lookup:matches",
            PayloadSha256 = PayloadHash.OfJson(string.Join(",", views.Select(v => v.MatchId))), Outcome = DeliveryOutcomes.Viewed, Channel = "api:signals/matches",
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return views;
    }

    /// <summary>The party confirms it made contact with the others (or they with it). Null when done; otherwise why not (404: no such match of this agency).</summary>
    public static async Task<bool> ConfirmContactAsync(WriteScope scope, ChainMail mail, Guid matchId, string agency, string by, DateTimeOffset now)
    {
        var (c, tx) = (scope.Connection, scope.Transaction);
        var family = await c.QuerySingleOrDefaultAsync<string>(
            "SELECT m.family_id FROM matches m JOIN match_parties p ON p.match_id = m.match_id WHERE m.match_id = @Match AND p.agency = @Agency",
            new { Match = matchId.ToString(), Agency = agency }, tx).ConfigureAwait(false);
        if (family is null)
            return false;
        await c.ExecuteAsync(
            "UPDATE match_parties SET confirmed_at = COALESCE(confirmed_at, @Now), confirmed_by = COALESCE(confirmed_by, @By) WHERE match_id = @Match AND agency = @Agency",
            new { Match = matchId.ToString(), Agency = agency, Now = Epoch.Ms(now), By = by }, tx).ConfigureAwait(false);
        await Coordination.ChainDeadlineStore.MeetAsync(scope, mail, family, Coordination.ChainDeadlineKinds.MatchContact, matchId.ToString(), agency, by, now)
            .ConfigureAwait(false);
        return true;
    }
}
