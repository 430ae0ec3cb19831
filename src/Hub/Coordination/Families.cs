using Dapper;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Signals;

namespace IntegrationHub.Hub.Coordination;

/// <summary>
/// Families (gezinnen) as the referral index sees them: children known by their subject key, joined when they share a
/// guardian (by the guardian's BSN, as a key) or are named as siblings. A family is what a coordinator coordinates and
/// a plan plans; its id is the hub's, random, and says nothing about the family.
/// </summary>
public sealed class Families(ChainBook chain, AgencyDirectory directory, HubDatabase database)
{
    /// <summary>A family graph larger than this is not walked further: a safeguard against a pathological link set.</summary>
    const int MaxNodes = 200;

    /// <summary>The child's family, created (in the region of its municipality) when the child is new to the index.</summary>
    public async Task<string> EnsureSubjectAsync(WriteScope scope, string subjectKey, DateOnly? birthDate, string municipality, DateTimeOffset now)
    {
        var (c, tx) = (scope.Connection, scope.Transaction);
        var family = await c.QuerySingleOrDefaultAsync<string>("SELECT family_id FROM chain_subjects WHERE subject_key = @Key", new { Key = subjectKey }, tx)
            .ConfigureAwait(false);
        if (family is not null)
        {
            await c.ExecuteAsync(
                "UPDATE chain_subjects SET birth_date = COALESCE(@Birth, birth_date), updated_at = @Now WHERE subject_key = @Key",
                new { Key = subjectKey, Birth = birthDate?.ToString("yyyy-MM-dd"), Now = Epoch.Ms(now) }, tx).ConfigureAwait(false);
            return family;
        }
        family = Guid.NewGuid().ToString();
        await c.ExecuteAsync(
            "INSERT INTO families (family_id, region, municipality, created_at) VALUES (@Id, @Region, @Municipality, @Now)",
            new { Id = family, Region = chain.ForMunicipality(municipality).Name, Municipality = municipality, Now = Epoch.Ms(now) }, tx).ConfigureAwait(false);
        await c.ExecuteAsync(
            "INSERT INTO chain_subjects (subject_key, family_id, birth_date, municipality, updated_at) VALUES (@Key, @Family, @Birth, @Municipality, @Now)",
            new { Key = subjectKey, Family = family, Birth = birthDate?.ToString("yyyy-MM-dd"), Municipality = municipality, Now = Epoch.Ms(now) }, tx)
            .ConfigureAwait(false);
        return family;
    }

    public static async Task LinkAsync(WriteScope scope, string subjectKey, IEnumerable<FamilyLink> links, string signalId)
    {
        foreach (var link in links.Where(l => l.OtherKey != subjectKey).Distinct())
            await scope.Connection.ExecuteAsync(
                """
                INSERT INTO family_links (subject_key, other_key, relation, signal_id) VALUES (@Subject, @Other, @Relation, @Signal)
                ON CONFLICT DO NOTHING
                """, new { Subject = subjectKey, Other = link.OtherKey, link.Relation, Signal = signalId }, scope.Transaction).ConfigureAwait(false);
    }

    /// <summary>
    /// Joins every child linked to this one (through shared guardians and sibling relations, either way) into one
    /// family: the oldest of their families survives and takes the others' members, matches, coordination and plan.
    /// Locks the families involved (<see cref="ChainLocks"/>). Returns the family.
    /// </summary>
    public async Task<string> UniteAsync(WriteScope scope, string subjectKey)
    {
        var (c, tx) = (scope.Connection, scope.Transaction);
        var seen = new HashSet<string>(StringComparer.Ordinal) { subjectKey };
        var queue = new Queue<string>([subjectKey]);
        while (queue.Count > 0 && seen.Count < MaxNodes)
        {
            var key = queue.Dequeue();
            var next = await c.QueryAsync<string>(
                "SELECT other_key FROM family_links WHERE subject_key = @Key UNION SELECT subject_key FROM family_links WHERE other_key = @Key",
                new { Key = key }, tx).ConfigureAwait(false);
            foreach (var n in next)
                if (seen.Add(n))
                    queue.Enqueue(n);
        }
        var families = (await c.QueryAsync<(string FamilyId, long CreatedAt)>(
            $"""
            SELECT DISTINCT f.family_id, f.created_at FROM chain_subjects s JOIN families f ON f.family_id = s.family_id
            WHERE {database.OneOf("s.subject_key", "Keys")} ORDER BY f.created_at, f.family_id
            """, new { Keys = seen.ToArray() }, tx).ConfigureAwait(false)).ToList();
        await ChainLocks.LockAsync(scope, families.Select(f => "family:" + f.FamilyId)).ConfigureAwait(false);
        var survivor = families[0].FamilyId;
        foreach (var (merged, _) in families.Skip(1))
            await MergeAsync(scope, merged, survivor).ConfigureAwait(false);
        return survivor;
    }

    /// <summary>Everything of <paramref name="merged"/> moves to <paramref name="survivor"/>; a second plan or coordinator is ended, not lost silently.</summary>
    static async Task MergeAsync(WriteScope scope, string merged, string survivor)
    {
        var (c, tx) = (scope.Connection, scope.Transaction);
        var p = new { Merged = merged, Survivor = survivor };
        await c.ExecuteAsync("UPDATE chain_subjects SET family_id = @Survivor WHERE family_id = @Merged", p, tx).ConfigureAwait(false);
        await c.ExecuteAsync("UPDATE matches SET family_id = @Survivor WHERE family_id = @Merged", p, tx).ConfigureAwait(false);
        await c.ExecuteAsync("UPDATE case_meeting_overlaps SET family_id = @Survivor WHERE family_id = @Merged", p, tx).ConfigureAwait(false);
        var survivorHasPlan = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM family_plans WHERE family_id = @Survivor", p, tx).ConfigureAwait(false) > 0;
        if (survivorHasPlan)
        {
            // One family, one plan: the survivor's stands; the other's actions stay owed and watched under it.
            await c.ExecuteAsync("DELETE FROM family_plans WHERE family_id = @Merged", p, tx).ConfigureAwait(false);
            await c.ExecuteAsync("DELETE FROM chain_deadlines WHERE family_id = @Merged AND kind IN ('plan', 'plan-review') AND met_at IS NULL", p, tx).ConfigureAwait(false);
        }
        else
            await c.ExecuteAsync("UPDATE family_plans SET family_id = @Survivor WHERE family_id = @Merged", p, tx).ConfigureAwait(false);
        await c.ExecuteAsync("UPDATE plan_actions SET family_id = @Survivor WHERE family_id = @Merged", p, tx).ConfigureAwait(false);
        await c.ExecuteAsync("UPDATE chain_deadlines SET family_id = @Survivor WHERE family_id = @Merged", p, tx).ConfigureAwait(false);
        // One family, one coordinator: the survivor's stands; the other's (and what it awaited) ends as replaced.
        var survivorCoordinated = await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM coordinator_assignments WHERE family_id = @Survivor AND status IN ('pending', 'accepted')", p, tx).ConfigureAwait(false) > 0;
        if (survivorCoordinated)
        {
            await c.ExecuteAsync(
                "UPDATE coordinator_assignments SET status = 'replaced' WHERE family_id = @Merged AND status IN ('pending', 'accepted')", p, tx).ConfigureAwait(false);
            await c.ExecuteAsync(
                "UPDATE chain_deadlines SET closed_at = due_at, next_at = NULL WHERE family_id = @Merged AND kind = 'coordinator-accept' AND met_at IS NULL AND closed_at IS NULL",
                p, tx).ConfigureAwait(false);
        }
        await c.ExecuteAsync("UPDATE coordinator_assignments SET family_id = @Survivor WHERE family_id = @Merged", p, tx).ConfigureAwait(false);
        await c.ExecuteAsync(
            """
            UPDATE families SET stagnating_since = COALESCE(stagnating_since, (SELECT stagnating_since FROM families WHERE family_id = @Merged))
            WHERE family_id = @Survivor
            """, p, tx).ConfigureAwait(false);
        await c.ExecuteAsync("DELETE FROM families WHERE family_id = @Merged", p, tx).ConfigureAwait(false);
    }

    /// <summary>What the coordination table looks at, now.</summary>
    public async Task<FamilyFacts> FactsAsync(WriteScope scope, string familyId, DateTimeOffset now)
    {
        var (c, tx) = (scope.Connection, scope.Transaction);
        var signals = (await c.QueryAsync<(string Agency, long CreatedAt, string? BirthDate)>(
            """
            SELECT s.agency, s.created_at, cs.birth_date FROM signals s JOIN chain_subjects cs ON cs.subject_key = s.subject_key
            WHERE cs.family_id = @Family AND s.active_until > @Now ORDER BY s.created_at, s.signal_id
            """, new { Family = familyId, Now = Epoch.Ms(now) }, tx).ConfigureAwait(false)).ToList();
        // An agency a handover of the family's children is addressed to is involved too, until it refused or the handover closed.
        var receivers = await c.QueryAsync<(string Receiver, long SubmittedAt)>(
            """
            SELECT ch.receiver, ch.submitted_at FROM chain_handovers ch
            JOIN chain_subjects cs ON cs.subject_key = ch.subject_key
            JOIN handovers h ON h.correlation_id = ch.handover_id
            WHERE cs.family_id = @Family AND h.current_state NOT IN ('Rejected', 'Withdrawn', 'CareCompleted')
            """, new { Family = familyId }, tx).ConfigureAwait(false);
        var involved = signals.Select(s => (s.Agency, s.CreatedAt)).Concat(receivers.Select(r => (Agency: r.Receiver, CreatedAt: r.SubmittedAt)))
            .OrderBy(i => i.CreatedAt).Select(i => i.Agency).Distinct()
            .Select(a => (a, directory.Find(a)?.Kind ?? "other")).ToList();
        var today = DateOnly.FromDateTime(Calendar.AmsterdamTime.ToLocal(now).DateTime);
        var ages = signals.Where(s => s.BirthDate is not null).Select(s => AgeOn(DateOnly.Parse(s.BirthDate!), today)).ToList();
        var family = await c.QuerySingleAsync<(long? Stagnating, long Matches)>(
            "SELECT f.stagnating_since, (SELECT COUNT(*) FROM matches m WHERE m.family_id = f.family_id) FROM families f WHERE f.family_id = @Family",
            new { Family = familyId }, tx).ConfigureAwait(false);
        return new FamilyFacts(involved, ages.Count == 0 ? null : ages.Min(), family.Stagnating is not null, family.Matches > 0, signals.Count);
    }

    public static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        return birth.AddYears(age) > day ? age - 1 : age;
    }

    public ChainRegion RegionOf(string regionName) => chain.Region(regionName);

    public async Task<ChainRegion> RegionAsync(WriteScope scope, string familyId) =>
        chain.Region(await scope.Connection.QuerySingleOrDefaultAsync<string>("SELECT region FROM families WHERE family_id = @Id",
            new { Id = familyId }, scope.Transaction).ConfigureAwait(false) ?? "");
}

/// <param name="Relation">guardian (the other key is a guardian's) or sibling (the other key is a child's).</param>
public sealed record FamilyLink(string OtherKey, string Relation);
