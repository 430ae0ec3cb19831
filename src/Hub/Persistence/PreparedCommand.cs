using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Hub.Persistence;

/// <summary>
/// A command of a <see cref="PreparedConnection"/>: collects its text and parameters as any command does, and runs them
/// on the connection's compiled statement for that text.
/// </summary>
sealed class PreparedCommand(PreparedConnection connection) : DbCommand
{
    readonly Values _values = new();

    /// <summary>The values this command binds; run on the compiled statement, which holds them only while it runs.</summary>
    sealed class Values : SqliteParameterCollection;

    [AllowNull]
    public override string CommandText { get; set; } = "";

    public override int CommandTimeout { get; set; } = 30;
    public override CommandType CommandType { get; set; } = CommandType.Text;
    public override bool DesignTimeVisible { get; set; }
    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set
        {
            if (value != connection)
                throw new NotSupportedException("a prepared command stays on its connection");
        }
    }

    protected override DbParameterCollection DbParameterCollection => _values;
    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel()
    {
    }

    public override void Prepare()
    {
    }

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    SqliteCommand Bound()
    {
        if (CommandType != CommandType.Text)
            throw new NotSupportedException("SQLite runs text commands only");
        var command = connection.Rent(CommandText);
        command.Transaction = (SqliteTransaction?)DbTransaction;
        command.CommandTimeout = CommandTimeout;
        foreach (SqliteParameter parameter in _values)
            command.Parameters.Add(parameter);
        return command;
    }

    public override int ExecuteNonQuery()
    {
        var command = Bound();
        try
        {
            return command.ExecuteNonQuery();
        }
        finally
        {
            connection.Return(command);
        }
    }

    public override object? ExecuteScalar()
    {
        var command = Bound();
        try
        {
            return command.ExecuteScalar();
        }
        finally
        {
            connection.Return(command);
        }
    }

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        var command = Bound();
        try
        {
            // The connection outlives every reader: closing it belongs to its owner.
            return new ReturningReader(command.ExecuteReader(behavior & ~CommandBehavior.CloseConnection), () => connection.Return(command));
        }
        catch
        {
            connection.Return(command);
            throw;
        }
    }
}
