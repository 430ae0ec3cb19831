using Dapper;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Signals;

/// <summary>
/// Takes a signal out of the index: withdrawn by its agency, or deleted at the end of its visible lifetime. Its family
/// links and its places in matches go with it (a match left with one party is no match); a child without signals
/// leaves the index with its subject key link and its handovers' chain records; a family without signals goes whole,
/// with its coordination, plan and deadlines. Each removal is a delivery-log entry.
/// </summary>
public sealed class SignalRemoval(IDeliveryLog deliveryLog, HubDatabase database)
{
    public async Task RemoveAsync(WriteScope scope, Guid signalId, string outcome, DateTimeOffset now)
    {
        var (c, tx) = (scope.Connection, scope.Transaction);
        var id = signalId.ToString();
        var signal = await c.QuerySingleOrDefaultAsync<(string Agency, string SubjectKey, string Kind, string? HandoverId)?>(
            "SELECT agency, subject_key, kind, handover_id FROM signals WHERE signal_id = @Id", new { Id = id }, tx).ConfigureAwait(false);
        if (signal is not { } s)
            return;
        var familyId = await c.QuerySingleOrDefaultAsync<string>("SELECT family_id FROM chain_subjects WHERE subject_key = @Key", new { Key = s.SubjectKey }, tx)
            .ConfigureAwait(false);
        await ChainLocks.LockAsync(scope, [s.SubjectKey]).ConfigureAwait(false);
        if (familyId is not null)
            await ChainLocks.LockAsync(scope, ["family:" + familyId]).ConfigureAwait(false);

        var matches = (await c.QueryAsync<string>("SELECT match_id FROM match_parties WHERE signal_id = @Id", new { Id = id }, tx).ConfigureAwait(false)).ToList();
        await c.ExecuteAsync("DELETE FROM match_parties WHERE signal_id = @Id", new { Id = id }, tx).ConfigureAwait(false);
        foreach (var match in matches)
        {
            // The agency no longer owes contact on a match it left; a match of one party is over for everyone.
            var left = (await c.QueryAsync<string>("SELECT agency FROM match_parties WHERE match_id = @Match", new { Match = match }, tx).ConfigureAwait(false)).ToList();
            if (!left.Contains(s.Agency))
                await CloseContactAsync(scope, match, s.Agency, now).ConfigureAwait(false);
            if (left.Distinct().Count() < 2)
            {
                await c.ExecuteAsync("DELETE FROM match_parties WHERE match_id = @Match", new { Match = match }, tx).ConfigureAwait(false);
                await c.ExecuteAsync("DELETE FROM matches WHERE match_id = @Match", new { Match = match }, tx).ConfigureAwait(false);
                await c.ExecuteAsync("DELETE FROM chain_deadlines WHERE kind = 'match-contact' AND ref = @Match", new { Match = match }, tx).ConfigureAwait(false);
            }
        }
        await c.ExecuteAsync("DELETE FROM family_links WHERE signal_id = @Id", new { Id = id }, tx).ConfigureAwait(false);
        await c.ExecuteAsync("DELETE FROM signals WHERE signal_id = @Id", new { Id = id }, tx).ConfigureAwait(false);
        await c.ExecuteAsync("DELETE FROM signal_submissions WHERE signal_id = @Id", new { Id = id }, tx).ConfigureAwait(false);
        await deliveryLog.AppendAsync(new DeliveryLogEntry
        {
            At = now, MessageId = Adapters.DeterministicId.From("signal-removed", id), HandoverId = s.HandoverId is null ? null : Guid.Parse(s.HandoverId),
            Sender = s.Agency, Kind = "signal:" + s.Kind, SubjectKey = s.SubjectKey, PayloadSha256 = PayloadHash.OfJson($"{{\"signalId\":\"{id}\"}}"),
            Outcome = outcome, Channel = "signals",
        }, c, tx).ConfigureAwait(false);

        if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM signals WHERE subject_key = @Key", new { Key = s.SubjectKey }, tx).ConfigureAwait(false) == 0)
        {
            await c.ExecuteAsync("DELETE FROM chain_subjects WHERE subject_key = @Key", new { Key = s.SubjectKey }, tx).ConfigureAwait(false);
            await c.ExecuteAsync("DELETE FROM handover_links WHERE handover_id IN (SELECT handover_id FROM chain_handovers WHERE subject_key = @Key)",
                new { Key = s.SubjectKey }, tx).ConfigureAwait(false);
            await c.ExecuteAsync("DELETE FROM chain_handovers WHERE subject_key = @Key", new { Key = s.SubjectKey }, tx).ConfigureAwait(false);
        }
        if (familyId is not null && await c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM signals s JOIN chain_subjects cs ON cs.subject_key = s.subject_key WHERE cs.family_id = @Family",
                new { Family = familyId }, tx).ConfigureAwait(false) == 0)
            await PurgeFamilyAsync(scope, familyId).ConfigureAwait(false);
    }

    static Task CloseContactAsync(WriteScope scope, string match, string agency, DateTimeOffset now) =>
        scope.Connection.ExecuteAsync(
            "UPDATE chain_deadlines SET closed_at = @Now, next_at = NULL WHERE kind = 'match-contact' AND ref = @Match AND owner = @Agency AND met_at IS NULL AND closed_at IS NULL",
            new { Match = match, Agency = agency, Now = Epoch.Ms(now) }, scope.Transaction);

    /// <summary>A family no signal speaks of any more is gone from the index: nothing of it is kept.</summary>
    async Task PurgeFamilyAsync(WriteScope scope, string familyId)
    {
        var (c, tx) = (scope.Connection, scope.Transaction);
        var p = new { Family = familyId };
        var members = (await c.QueryAsync<string>("SELECT subject_key FROM chain_subjects WHERE family_id = @Family", p, tx).ConfigureAwait(false)).ToArray();
        if (members.Length > 0)
        {
            await c.ExecuteAsync($"DELETE FROM handover_links WHERE handover_id IN (SELECT handover_id FROM chain_handovers WHERE {database.OneOf("subject_key", "Keys")})",
                new { Keys = members }, tx).ConfigureAwait(false);
            await c.ExecuteAsync($"DELETE FROM chain_handovers WHERE {database.OneOf("subject_key", "Keys")}", new { Keys = members }, tx).ConfigureAwait(false);
        }
        foreach (var table in new[] { "chain_subjects", "case_meeting_overlaps", "chain_deadlines", "plan_actions", "plan_submissions", "family_plans",
                     "coordinator_assignments", "matches", "families" })
            await c.ExecuteAsync($"DELETE FROM {table} WHERE family_id = @Family", p, tx).ConfigureAwait(false);
    }
}
