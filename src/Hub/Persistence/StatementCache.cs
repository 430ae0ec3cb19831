using System.Data.Common;

namespace IntegrationHub.Hub.Persistence;

/// <summary>
/// Prepared statements of one connection, kept by their SQL text. The hub's writes are a few dozen fixed statements
/// run thousands of times (a deadline storm writes each step's row, its mail and its report counters): prepared once
/// and bound by position they skip SQLite's parse and the search for each named parameter, which a profile of a storm
/// showed as a sixth of the hub's CPU. Used by one unit of work at a time (the writer's loop, or one PostgreSQL unit).
/// </summary>
public sealed class StatementCache : IDisposable
{
    readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="sql"/> with <paramref name="values"/> for its parameters @p0, @p1, ... in that order, in
    /// <paramref name="transaction"/>; returns the rows affected.
    /// </summary>
    public Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, params object?[] values)
    {
        var command = Prepare(connection, transaction, sql, values);
        return command.ExecuteNonQueryAsync();
    }

    /// <summary>Like <see cref="ExecuteAsync"/>, for a statement that returns one value (or null).</summary>
    public async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, params object?[] values)
    {
        var command = Prepare(connection, transaction, sql, values);
        var value = await command.ExecuteScalarAsync().ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    DbCommand Prepare(DbConnection connection, DbTransaction transaction, string sql, object?[] values)
    {
        if (!_commands.TryGetValue(sql, out var command) || command.Connection != connection)
        {
            command?.Dispose();
            command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i;
                command.Parameters.Add(parameter);
            }
            _commands[sql] = command;
        }
        if (command.Parameters.Count != values.Length)
            throw new ArgumentException($"the statement takes {command.Parameters.Count} values, {values.Length} were given", nameof(values));
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
            command.Dispose();
        _commands.Clear();
    }
}
