using System.Data.Common;

namespace IntegrationHub.Hub.Persistence;

/// <summary>
/// One unit of work inside a write transaction (<see cref="HubDatabase.WriteAsync{T}"/>). On SQLite several
/// units share one transaction, each under its own savepoint, so a unit must only touch the database
/// through <see cref="Connection"/> and must never wait on anything else: the other units wait behind it.
/// </summary>
public sealed class WriteScope(DbConnection connection, DbTransaction transaction)
{
    readonly List<IUnitState> _states = [];

    public DbConnection Connection { get; } = connection;
    public DbTransaction Transaction { get; } = transaction;

    /// <summary>
    /// A hot statement with its parameters @p0, @p1, ... bound by position, without Dapper's reflection over an object.
    /// Its compiled form is the connection's to keep (SQLite: <see cref="PreparedConnection"/>; PostgreSQL: Npgsql's
    /// automatic preparation), so the command itself is made for the call.
    /// </summary>
    public async Task<int> ExecuteAsync(string sql, params object?[] values)
    {
        await using var command = Command(sql, values);
        return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Like <see cref="ExecuteAsync"/>, for a statement that returns one value (or null).</summary>
    public async Task<object?> ScalarAsync(string sql, params object?[] values)
    {
        await using var command = Command(sql, values);
        var value = await command.ExecuteScalarAsync().ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    DbCommand Command(string sql, object?[] values)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            parameter.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>True after <see cref="Abort"/>: this unit's statements are undone, its result still returned.</summary>
    public bool Aborted { get; private set; }

    /// <summary>Undo what this unit wrote (for example a duplicate found half-way); other units still commit.</summary>
    public void Abort() => Aborted = true;

    /// <summary>
    /// State gathered across the unit and written once at its end (e.g. report counters summed over a batch
    /// of steps, so a hot counter row is written once per unit rather than once per step).
    /// </summary>
    public T State<T>() where T : class, IUnitState, new()
    {
        foreach (var state in _states)
            if (state is T found)
                return found;
        var created = new T();
        _states.Add(created);
        return created;
    }

    /// <summary>Writes the gathered state; run by the database when the unit's work is done and was not aborted.</summary>
    internal async Task CompleteAsync()
    {
        foreach (var state in _states)
            await state.WriteAsync(this).ConfigureAwait(false);
    }

    int _savepoints;

    /// <summary>
    /// Runs <paramref name="work"/> under a savepoint of its own: when it throws, only its writes are undone
    /// (and what it added to the unit's gathered state), <paramref name="onFault"/> hears why, and the rest of
    /// the unit goes on (one handover's defect must not hold back a batch). False when it failed.
    /// </summary>
    public async Task<bool> IsolatedAsync(Func<Task> work, Action<Exception> onFault)
    {
        var name = "isolated" + ++_savepoints;
        var marks = _states.Select(s => (s, s.Mark())).ToList();
        var known = _states.Count;
        await Transaction.SaveAsync(name).ConfigureAwait(false);
        try
        {
            await work().ConfigureAwait(false);
            await Transaction.ReleaseAsync(name).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Transaction.RollbackAsync(name).ConfigureAwait(false);
            await Transaction.ReleaseAsync(name).ConfigureAwait(false);
            foreach (var (state, mark) in marks)
                state.Restore(mark);
            _states.RemoveRange(known, _states.Count - known);
            onFault(e);
            return false;
        }
    }
}

/// <summary>State a unit gathers and writes once at its end (<see cref="WriteScope.State{T}"/>).</summary>
public interface IUnitState
{
    Task WriteAsync(WriteScope scope);

    /// <summary>A point to go back to when an isolated part of the unit fails.</summary>
    int Mark();

    void Restore(int mark);
}
