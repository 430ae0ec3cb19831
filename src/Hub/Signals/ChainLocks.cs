using Dapper;
using IntegrationHub.Hub.Persistence;
using Npgsql;

namespace IntegrationHub.Hub.Signals;

/// <summary>
/// Serialises what changes one family: on PostgreSQL an advisory lock per child (and guardian) key, then per family,
/// held to the end of the unit, so two signals on two siblings arriving together cannot both miss each other's match.
/// Always subject keys first and family ids second, each set in order, so units never wait on each other in a
/// cycle. SQLite has one writer and needs none.
/// </summary>
static class ChainLocks
{
    public static async Task LockAsync(WriteScope scope, IEnumerable<string> keys)
    {
        if (scope.Connection is not NpgsqlConnection)
            return;
        foreach (var key in keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            await scope.Connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@Key, 4242))", new { Key = "chain:" + key }, scope.Transaction)
                .ConfigureAwait(false);
    }
}
