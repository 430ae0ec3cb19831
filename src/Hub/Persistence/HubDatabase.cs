using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IntegrationHub.Hub.Persistence;

/// <summary>
/// The hub's one database: saga state, the outbox and inbox, stored documents and the delivery log.
/// All times are stored as Unix milliseconds and all ids as text, so one SQL text serves both engines.
/// </summary>
public sealed class HubDatabase : IDisposable
{
    readonly NpgsqlDataSource? _postgres;
    readonly SemaphoreSlim _sqliteWriters = new(1, 1);

    public HubDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        if (provider == DatabaseProvider.Postgres)
            _postgres = NpgsqlDataSource.Create(connectionString);
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

        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var pragma = connection.CreateCommand();
        // journal_mode=WAL is a property of the file, set once by Schema; these two are per connection.
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=60000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>
    /// A write transaction. SQLite's is BEGIN IMMEDIATE: a deferred one that later writes can fail with
    /// SQLITE_BUSY instead of waiting its turn. PostgreSQL runs READ COMMITTED with optimistic versions.
    /// </summary>
    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection sqlite)
        {
            // SQLite has one writer. Left to itself, a blocked writer sleeps and polls (busy_timeout), which
            // under load adds tens of milliseconds per step; queueing writers in-process is fair and prompt.
            // The turn ends when the connection closes (every write path disposes it right after commit).
            await _sqliteWriters.WaitAsync(cancellationToken).ConfigureAwait(false);
            var released = 0;
            void Release(object? sender, StateChangeEventArgs e)
            {
                if (e.CurrentState == ConnectionState.Closed && Interlocked.Exchange(ref released, 1) == 0)
                {
                    sqlite.StateChange -= Release;
                    _sqliteWriters.Release();
                }
            }
            sqlite.StateChange += Release;
            try
            {
                return sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false);
            }
            catch
            {
                Release(sqlite, new StateChangeEventArgs(ConnectionState.Open, ConnectionState.Closed));
                throw;
            }
        }
        return await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// "column is one of @param": Dapper expands a list into <c>IN (...)</c> for SQLite, but Npgsql takes the
    /// array as one parameter, which PostgreSQL matches with <c>= ANY</c>.
    /// </summary>
    public string OneOf(string column, string parameter) =>
        Provider == DatabaseProvider.Postgres ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";

    public void Dispose() => _postgres?.Dispose();
}
