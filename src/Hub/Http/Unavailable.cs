using Microsoft.Data.Sqlite;
using Npgsql;

namespace IntegrationHub.Hub.Http;

/// <summary>
/// Failures that say the hub's database cannot be reached or written right now, as opposed to a bug: the
/// same call may well succeed in a moment. HTTP answers them 503 with Retry-After; the inbound queues
/// retry them a bounded number of times.
/// </summary>
public static class Unavailable
{
    /// <summary>SQLite: busy, locked, read-only, I/O error, disk full, cannot open.</summary>
    static readonly int[] SqliteTransient = [5, 6, 8, 10, 13, 14];

    /// <summary>
    /// PostgreSQL SQLSTATE classes and codes: connection exceptions (08), insufficient resources (53),
    /// operator intervention (57, e.g. shutting down), system errors (58), a read-only transaction on a
    /// standby (25006), and conflicts it rolled back (40001, 40P01).
    /// </summary>
    static readonly string[] PostgresTransient = ["08", "53", "57", "58", "25006", "40001", "40P01"];

    /// <summary>True when <paramref name="e"/> (or an exception inside it) is the database being unreachable or read-only.</summary>
    public static bool IsDatabase(Exception e) => Causes(e).Any(IsDatabaseItself);

    static bool IsDatabaseItself(Exception e) => e switch
    {
        PostgresException p => PostgresTransient.Any(code => p.SqlState.StartsWith(code, StringComparison.Ordinal)),
        // Not a server answer: a socket, a timeout, an exhausted pool.
        NpgsqlException => true,
        SqliteException s => SqliteTransient.Contains(s.SqliteErrorCode),
        _ => false,
    };

    /// <summary>The exception and everything it wraps.</summary>
    public static IEnumerable<Exception> Causes(Exception e)
    {
        var pending = new Stack<Exception>([e]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            yield return current;
            if (current is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions)
                    pending.Push(inner);
            else if (current.InnerException is { } inner)
                pending.Push(inner);
        }
    }
}
