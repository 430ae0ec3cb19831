using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IntegrationHub.Hub.Persistence;

/// <summary>
/// The hub's one database: saga state, the outbox, stored documents and the delivery log.
/// All times are stored as Unix milliseconds and all ids as text, so one SQL text serves both engines.
/// </summary>
public sealed class HubDatabase : IDisposable
{
    readonly NpgsqlDataSource? _postgres;
    readonly SqliteGroupCommit? _groupCommit;
    readonly SqliteReaders? _readers;

    public HubDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        if (provider == DatabaseProvider.Postgres)
            _postgres = NpgsqlDataSource.Create(Tuned(connectionString));
        else
        {
            _groupCommit = new SqliteGroupCommit(this);
            _readers = new SqliteReaders(OpenSqliteAsync);
        }
    }

    /// <summary>
    /// The hub runs a few dozen fixed statements over and over: prepared once per connection they skip
    /// PostgreSQL's parse and plan each time. The hub sets no session state, so a pooled connection need
    /// not be reset (which would also drop those prepared statements). An operator's own values win.
    /// </summary>
    static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
            builder.MaxAutoPrepare = 64;
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
            builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static HubDatabase SqliteFile(string path) =>
        new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString());

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
            return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await _readers!.RentAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A new SQLite connection of its own, with the hub's per-connection settings.</summary>
    internal async Task<SqliteConnection> OpenSqliteAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var pragma = connection.CreateCommand();
        // journal_mode=WAL is a property of the file, set once by Schema; these two are per connection.
        // mmap: pages another connection wrote are read from the OS cache without a pread per page.
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=60000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction and returns its result once that has committed.
    /// On SQLite units from many callers share one transaction (<see cref="SqliteGroupCommit"/>); on
    /// PostgreSQL each unit has its own. Reads that need no lock belong before the call, not inside it.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<WriteScope, Task<T>> work, CancellationToken cancellationToken = default) =>
        _groupCommit is not null ? _groupCommit.EnqueueAsync(work, cancellationToken) : WriteAloneAsync(work, cancellationToken);

    public Task WriteAsync(Func<WriteScope, Task> work, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>(async scope =>
        {
            await work(scope).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    async Task<T> WriteAloneAsync<T>(Func<WriteScope, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
                var scope = new WriteScope(connection, transaction);
                var result = await work(scope).ConfigureAwait(false);
                if (!scope.Aborted)
                    await scope.CompleteAsync().ConfigureAwait(false);
                if (scope.Aborted)
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                else
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < 5)
            {
                // PostgreSQL broke a lock cycle by rolling this unit back whole; it is safe to run again.
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Appended to a SELECT of queue rows: on PostgreSQL the rows are locked in the order read and rows
    /// another transaction holds are passed over, so claimers neither wait on nor deadlock with each other.
    /// SQLite has one writer and no row locks.
    /// </summary>
    public string ForUpdateSkipLocked => Provider == DatabaseProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";

    /// <summary>Like <see cref="ForUpdateSkipLocked"/>, but waits for held rows: for rows this caller owns.</summary>
    public string ForUpdate => Provider == DatabaseProvider.Postgres ? "FOR UPDATE" : "";

    /// <summary>
    /// A write transaction. SQLite's is BEGIN IMMEDIATE: a deferred one that later writes can fail with
    /// SQLITE_BUSY instead of waiting its turn. The hub's own SQLite writes all come from one loop
    /// (<see cref="SqliteGroupCommit"/>), so a wait here (busy_timeout) only meets the rare write outside it.
    /// PostgreSQL runs READ COMMITTED with optimistic versions.
    /// </summary>
    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        if (connection is PreparedConnection prepared)
            connection = prepared.Inner;
        if (connection is SqliteConnection sqlite)
            return sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        return await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// "column is one of @param": Dapper expands a list into <c>IN (...)</c> for SQLite, but Npgsql takes the
    /// array as one parameter, which PostgreSQL matches with <c>= ANY</c>.
    /// </summary>
    public string OneOf(string column, string parameter) =>
        Provider == DatabaseProvider.Postgres ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";

    public void Dispose()
    {
        _groupCommit?.Dispose();
        _readers?.Dispose();
        _postgres?.Dispose();
    }
}
