using Dapper;
using IntegrationHub.Hub.Http;
using IntegrationHub.Hub.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IntegrationHub.Hub.Health;

/// <summary>
/// Whether the database answers reads and takes writes. Reading is not enough: a SQLite file made
/// read-only, a full disk or a PostgreSQL standby still answer SELECT 1 while every intake fails. The
/// write probe goes the way every write goes (<see cref="HubDatabase.WriteAsync{T}"/>) and is rolled back.
/// Descriptions say what is wrong, never where (no host names, paths or server messages).
/// </summary>
public static class DatabaseProbe
{
    public sealed record Result(string Read, string Write)
    {
        public bool IsUp => Read == Up && Write == Up;
    }

    public const string Up = "up";
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<Result> CheckAsync(HubDatabase database, CancellationToken cancellationToken)
    {
        var read = await Probe(async ct =>
        {
            await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM settings", cancellationToken: ct)).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        var write = read != Up ? "down: not tried (reads fail)" : await Probe(ct => database.WriteAsync(async scope =>
        {
            await scope.Connection.ExecuteAsync(
                "INSERT INTO settings (key, value) VALUES ('health-probe', @V) ON CONFLICT (key) DO UPDATE SET value = @V",
                new { V = Guid.NewGuid().ToString() }, scope.Transaction).ConfigureAwait(false);
            scope.Abort();
        }, ct), cancellationToken).ConfigureAwait(false);
        return new Result(read, write);
    }

    static async Task<string> Probe(Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await probe(timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
            return Up;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"down: no answer within {Timeout.TotalSeconds:0} seconds";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return "down: " + Describe(e);
        }
    }

    /// <summary>What is wrong, in words that hold no address: exception texts name hosts and files.</summary>
    static string Describe(Exception e) => Unavailable.Causes(e).Select(Known).FirstOrDefault(d => d is not null)
        ?? $"failing ({e.GetType().Name})";

    static string? Known(Exception e) => e switch
    {
        SqliteException { SqliteErrorCode: 8 } => "read-only (writes fail)",
        SqliteException { SqliteErrorCode: 13 } => "disk full (writes fail)",
        SqliteException { SqliteErrorCode: 14 } => "cannot open the database file",
        SqliteException { SqliteErrorCode: 5 or 6 } => "busy (locked by another process)",
        SqliteException { SqliteErrorCode: 10 } => "input/output error",
        PostgresException { SqlState: "25006" } => "read-only (a standby, or default_transaction_read_only)",
        PostgresException p when p.SqlState.StartsWith("57", StringComparison.Ordinal) => "shutting down or not accepting connections",
        PostgresException p when p.SqlState.StartsWith("53", StringComparison.Ordinal) => "out of resources (disk, memory or connections)",
        PostgresException p when p.SqlState.StartsWith("28", StringComparison.Ordinal) => "refuses the hub's credentials",
        PostgresException p => $"error {p.SqlState}",
        NpgsqlException => "cannot connect",
        TimeoutException => "timed out",
        _ => null,
    };
}
