using Dapper;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Signals;

namespace IntegrationHub.Hub.Coordination;

/// <summary>
/// Stagnation in a family's care (Almere care pyramid level 4, seed 001:3432-3442: no contact, disagreement,
/// agreements not kept, no capacity, no result): reported by a party or the chain office. The chain office and the
/// coordinator hear it, and the region's table looks again: Almere's sends the focal-point officer, who convenes all
/// parties within 48 hours; a table without such a rule leaves it to the chain office.
/// </summary>
public sealed class Stagnation(Families families, CoordinatorAssignments coordination)
{
    public async Task ReportAsync(WriteScope scope, ChainMail mail, string familyId, string by, string reason, DateTimeOffset now)
    {
        await scope.Connection.ExecuteAsync(
            "UPDATE families SET stagnating_since = COALESCE(stagnating_since, @Now), stagnation_reason = @Reason WHERE family_id = @Family",
            new { Family = familyId, Now = Epoch.Ms(now), Reason = reason }, scope.Transaction).ConfigureAwait(false);
        var region = await families.RegionAsync(scope, familyId).ConfigureAwait(false);
        var coordinator = await scope.Connection.QuerySingleOrDefaultAsync<string>(
            "SELECT agency FROM coordinator_assignments WHERE family_id = @Family AND status = 'accepted'", new { Family = familyId }, scope.Transaction)
            .ConfigureAwait(false);
        foreach (var to in new[] { region.ChainOffice, coordinator }.OfType<string>().Where(a => a != by).Distinct())
            mail.Notice(to, ChainNoticeKinds.Stagnation, ChainTexts.Stagnation, new Dictionary<string, string>
            {
                ["familyId"] = familyId, ["reason"] = reason, ["reportedBy"] = by, ["coordinator"] = coordinator ?? "", ["table"] = region.Table.Name,
            }, now);
        await coordination.ReviewAsync(scope, mail, familyId, now).ConfigureAwait(false);
    }
}
