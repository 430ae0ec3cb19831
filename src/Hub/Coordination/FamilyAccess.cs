using System.Data.Common;
using Dapper;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Coordination;

/// <summary>
/// Who may see and act on a family (the parties): an agency with a visible signal on one of its children, the agency
/// asked or accepted to coordinate it, a party owing an action. Anyone else learns
/// nothing of it, not even that it exists (404).
/// </summary>
public static class FamilyAccess
{
    public static async Task<bool> IsPartyAsync(DbConnection connection, DbTransaction? transaction, string familyId, string agency, DateTimeOffset now) =>
        await connection.ExecuteScalarAsync<long>(
            """
            SELECT (SELECT COUNT(*) FROM signals s JOIN chain_subjects cs ON cs.subject_key = s.subject_key
                    WHERE cs.family_id = @Family AND s.agency = @Agency AND s.visible_until > @Now)
                 + (SELECT COUNT(*) FROM coordinator_assignments WHERE family_id = @Family AND agency = @Agency AND status IN ('pending', 'accepted'))
                 + (SELECT COUNT(*) FROM plan_actions WHERE family_id = @Family AND party = @Agency)
            """, new { Family = familyId, Agency = agency, Now = Epoch.Ms(now) }, transaction).ConfigureAwait(false) > 0;

    public static Task<string?> CoordinatorAsync(DbConnection connection, DbTransaction? transaction, string familyId) =>
        connection.QuerySingleOrDefaultAsync<string>(
            "SELECT agency FROM coordinator_assignments WHERE family_id = @Family AND status = 'accepted'", new { Family = familyId }, transaction);

    public static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction? transaction, string familyId) =>
        await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM families WHERE family_id = @Family", new { Family = familyId }, transaction)
            .ConfigureAwait(false) > 0;
}
