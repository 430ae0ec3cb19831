using System.Globalization;
using Dapper;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Deadlines;
using IntegrationHub.Hub.Faults;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Signals;

namespace IntegrationHub.Hub.Coordination;

/// <summary>
/// The chain's watched due times as sweep work (<see cref="IDueWork"/>, beside the handovers'): a match's contact is
/// reminded, then reported to the chain office; an assignment not accepted in time goes to the next rule; a plan, a
/// review or an action that is late climbs the region's escalation ladder (the covenant ladder's "receiver" is the
/// party that owes it, its "sender" the family's coordinator), one rung at a time, as the handovers' ladder does.
/// Batches are leased, so any number of sweepers and instances share the work; one failing deadline is undone alone
/// and kept for operators.
/// </summary>
public sealed class ChainDueWork(
    HubDatabase database, CoordinatorAssignments coordination, Families families, CovenantBook covenants, AgencyDirectory directory, StepFaults faults,
    Email.PeopleMailPlanner people)
    : IDueWork
{
    const int BatchSize = 200;
    static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    public string Name => "chain deadline";

    public async Task<int> FireBatchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var leaseNow = LeaseClock.Now;
        var ids = await database.WriteAsync<IReadOnlyList<string>>(async scope => (await scope.Connection.QueryAsync<string>(
            $"""
            UPDATE chain_deadlines SET lease_until = @Until
            WHERE deadline_id IN (
                SELECT deadline_id FROM chain_deadlines
                WHERE next_at <= @Now AND (lease_until IS NULL OR lease_until < @LeaseNow)
                ORDER BY next_at LIMIT @Max {database.ForUpdateSkipLocked})
            RETURNING deadline_id
            """, new { Now = Epoch.Ms(now), LeaseNow = Epoch.Ms(leaseNow), Until = Epoch.Ms(leaseNow + Lease), Max = BatchSize }, scope.Transaction)
            .ConfigureAwait(false)).ToList(), cancellationToken).ConfigureAwait(false);
        if (ids.Count == 0)
            return 0;
        var failed = new List<(string Id, Exception Error)>();
        await database.WriteAsync(async scope =>
        {
            failed.Clear();
            foreach (var id in ids)
                await scope.IsolatedAsync(() => FireAsync(scope, id, now), e => failed.Add((id, e))).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        foreach (var (id, error) in failed)
            await faults.RecordAsync(null, "chain-deadline:" + id, error, cancellationToken).ConfigureAwait(false);
        return ids.Count;
    }

    async Task FireAsync(WriteScope scope, string id, DateTimeOffset now)
    {
        if (await ChainDeadlineStore.LoadAsync(scope, id).ConfigureAwait(false) is not { } loaded)
            return;
        await ChainLocks.LockAsync(scope, ["family:" + loaded.FamilyId]).ConfigureAwait(false);
        var d = await ChainDeadlineStore.LoadAsync(scope, id).ConfigureAwait(false) ?? loaded;
        var mail = new ChainMail(people);
        if (!d.IsOpen)
        {
            await ChainDeadlineStore.SaveProgressAsync(scope, d with { NextAt = null }).ConfigureAwait(false);
            return;
        }
        var region = await families.RegionAsync(scope, d.FamilyId).ConfigureAwait(false);
        var nowMs = Epoch.Ms(now);

        if (d.RemindAt is { } remind && d.RemindedAt is null && remind <= nowMs)
        {
            d = d with { RemindedAt = nowMs };
            if (d.Kind == ChainDeadlineKinds.MatchContact)
                mail.Notice(d.Owner, ChainNoticeKinds.MatchContactReminder, ChainTexts.MatchContactReminder, new Dictionary<string, string>
                {
                    ["matchId"] = d.Ref, ["familyId"] = d.FamilyId, ["confirmBy"] = ChainMail.When(Epoch.At(d.DueAt)),
                    ["answer"] = $"POST /api/signals/matches/{d.Ref}/contact",
                }, now);
        }
        if (d.MissedAt is null && d.DueAt <= nowMs)
        {
            d = d with { MissedAt = nowMs };
            switch (d.Kind)
            {
                case ChainDeadlineKinds.MatchContact:
                    mail.Notice(region.ChainOffice, ChainNoticeKinds.MatchNotFollowedUp, ChainTexts.MatchNotFollowedUp, new Dictionary<string, string>
                    {
                        ["matchId"] = d.Ref, ["familyId"] = d.FamilyId, ["agency"] = d.Owner, ["confirmBy"] = ChainMail.When(Epoch.At(d.DueAt)),
                    }, now);
                    break;
                case ChainDeadlineKinds.CoordinatorAccept:
                    await ChainDeadlineStore.SaveProgressAsync(scope, d with { NextAt = null }).ConfigureAwait(false);
                    await coordination.ExpireAsync(scope, mail, d.FamilyId, d.Ref, now).ConfigureAwait(false);
                    await mail.WriteAsync(scope).ConfigureAwait(false);
                    return;
            }
        }
        if (ChainDeadlineKinds.Laddered.Contains(d.Kind) && d.MissedAt is not null)
        {
            var ladder = covenants.Region.Ladder;
            var rung = Epoch.At(d.DueAt);
            for (var level = 1; level <= ladder.Count; level++)
            {
                if (level > 1)
                    rung = ladder[level - 1].After.AddTo(rung, covenants.Region.Calendar);
                if (level <= d.Level)
                    continue;
                if (rung > now)
                    break;
                d = await RaiseAsync(scope, mail, d, level, region, now).ConfigureAwait(false);
            }
        }
        await ChainDeadlineStore.SaveProgressAsync(scope, d with { NextAt = Next(d) }).ConfigureAwait(false);
        await mail.WriteAsync(scope).ConfigureAwait(false);
    }

    /// <summary>When the deadline must be looked at again: its reminder, its due time, or the next rung of the ladder.</summary>
    long? Next(ChainDeadline d)
    {
        if (!d.IsOpen)
            return null;
        if (d.RemindAt is { } remind && d.RemindedAt is null)
            return remind;
        if (d.MissedAt is null)
            return d.DueAt;
        if (!ChainDeadlineKinds.Laddered.Contains(d.Kind) || d.Level >= covenants.Region.Ladder.Count)
            return null;
        var rung = Epoch.At(d.DueAt);
        for (var level = 2; level <= d.Level + 1; level++)
            rung = covenants.Region.Ladder[level - 1].After.AddTo(rung, covenants.Region.Calendar);
        return Epoch.Ms(rung);
    }

    async Task<ChainDeadline> RaiseAsync(WriteScope scope, ChainMail mail, ChainDeadline d, int level, ChainRegion region, DateTimeOffset now)
    {
        var step = covenants.Region.Ladder[level - 1];
        var coordinator = await scope.Connection.QuerySingleOrDefaultAsync<string>(
            "SELECT agency FROM coordinator_assignments WHERE family_id = @Family AND status = 'accepted'", new { Family = d.FamilyId }, scope.Transaction)
            .ConfigureAwait(false) ?? d.Owner;
        var addressees = new List<EscalationAddressee>();
        foreach (var rule in step.Addressees)
        {
            var agencyId = rule.Agency switch { "receiver" => d.Owner, "sender" => coordinator, var fixedAgency => fixedAgency };
            var contacts = directory.Find(agencyId)?.ContactsFor(step.Level, rule.Role).ToList() ?? [];
            if (contacts.Count == 0)
                addressees.Add(new EscalationAddressee { AgencyId = agencyId, Role = rule.Role });
            addressees.AddRange(contacts.Select(c => new EscalationAddressee { AgencyId = agencyId, Role = c.Role, Name = c.Name, Email = c.Email }));
        }
        var title = d.Kind == ChainDeadlineKinds.Action
            ? await scope.Connection.QuerySingleOrDefaultAsync<string>("SELECT title FROM plan_actions WHERE action_id = @Id", new { Id = d.Ref }, scope.Transaction)
                .ConfigureAwait(false)
            : null;
        // The party that owes it, its addressees, and the coordinator who holds the family hear; and the region's chain office from level 2.
        var told = addressees.Select(a => a.AgencyId).Append(d.Owner).Append(coordinator);
        if (level >= 2)
            told = told.Append(region.ChainOffice);
        var notified = d.Notified.Split(' ', StringSplitOptions.RemoveEmptyEntries).Concat(told).Where(a => a != AgencyDirectory.HubId).Distinct().ToList();
        foreach (var agency in told.Where(a => a != AgencyDirectory.HubId).Distinct())
            mail.Notice(agency, ChainNoticeKinds.ChainEscalation, ChainTexts.Escalation(d.Kind, level), new Dictionary<string, string>
            {
                ["familyId"] = d.FamilyId, ["deadline"] = d.Kind, ["reference"] = d.Ref, ["owner"] = d.Owner, ["coordinator"] = coordinator,
                ["level"] = level.ToString(CultureInfo.InvariantCulture), ["dueAt"] = ChainMail.When(Epoch.At(d.DueAt)), ["title"] = title ?? "",
                ["addressees"] = string.Join("; ", addressees.Select(a => $"{a.Role} at {a.AgencyId}" + (a.Name is null ? "" : $" ({a.Name}{(a.Email is null ? "" : ", " + a.Email)})"))),
            }, now);
        return d with { Level = level, Notified = string.Join(' ', notified) };
    }
}
