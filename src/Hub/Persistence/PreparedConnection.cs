using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Hub.Persistence;

/// <summary>
/// A long-lived SQLite connection that keeps every statement it has compiled. Microsoft.Data.Sqlite keeps a compiled
/// statement only inside the command that compiled it, and Dapper makes a new command for every call, so each of the
/// hub's few dozen fixed statements was parsed and planned again on every use: a quarter of the hub's CPU in a profile
/// of the throughput bench (sqlite3_prepare_v2, 25 % of all samples). Commands made here look their statement up by
/// its text and run the compiled one. A statement in use (a reader still open) is taken out of the cache while it
/// runs, so a second use of the same text meanwhile compiles its own.
/// </summary>
sealed class PreparedConnection(SqliteConnection inner, Func<PreparedConnection, bool>? keep = null) : DbConnection
{
    /// <summary>More distinct texts than the hub has statements; texts built from values (IN lists) fall out past it.</summary>
    const int MaxStatements = 512;

    readonly Dictionary<string, SqliteCommand> _compiled = new(StringComparer.Ordinal);
    int _rented;

    public SqliteConnection Inner => inner;

    /// <summary>How many statements this connection has compiled (a text used again compiles nothing).</summary>
    internal int Compiled { get; private set; }

    internal SqliteCommand Rent(string sql)
    {
        _rented++;
        if (_compiled.Remove(sql, out var command))
            return command;
        command = inner.CreateCommand();
        command.CommandText = sql;
        Compiled++;
        return command;
    }

    internal void Return(SqliteCommand command)
    {
        _rented--;
        // The values bound last are the caller's, not the cache's to keep.
        command.Parameters.Clear();
        command.Transaction = null;
        if (_compiled.Count >= MaxStatements || !_compiled.TryAdd(command.CommandText, command))
            command.Dispose();
    }

    [AllowNull]
    public override string ConnectionString
    {
        get => inner.ConnectionString;
        set => throw new NotSupportedException("a prepared connection stays on its database");
    }

    public override string Database => inner.Database;
    public override string DataSource => inner.DataSource;
    public override string ServerVersion => inner.ServerVersion;
    public override ConnectionState State => inner.State;
    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);
    public override void Open() => inner.Open();
    public override void Close() => inner.Close();
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => inner.BeginTransaction(isolationLevel);
    protected override DbCommand CreateDbCommand() => new PreparedCommand(this);

    /// <summary>
    /// Open, outside any transaction and with no statement of it still running (every reader closed): safe to hand to
    /// another caller, who then cannot see or disturb what this one did.
    /// </summary>
    internal bool IsQuiet => _rented == 0 && inner.State == ConnectionState.Open && SQLitePCL.raw.sqlite3_get_autocommit(inner.Handle) != 0;

    protected override void Dispose(bool disposing)
    {
        // A pooled read connection goes back to its pool, statements and all, when its caller is done with it.
        if (disposing && keep is not null && IsQuiet && keep(this))
            return;
        if (disposing)
        {
            foreach (var command in _compiled.Values)
                command.Dispose();
            _compiled.Clear();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
