using System.Data.Common;

namespace IntegrationHub.Hub.Persistence;

/// <summary>
/// One unit of work inside a write transaction (<see cref="HubDatabase.WriteAsync{T}"/>). On SQLite several
/// units share one transaction, each under its own savepoint, so a unit must only touch the database
/// through <see cref="Connection"/> and must never wait on anything else: the other units wait behind it.
/// </summary>
public sealed class WriteScope(DbConnection connection, DbTransaction transaction)
{
    public DbConnection Connection { get; } = connection;
    public DbTransaction Transaction { get; } = transaction;

    /// <summary>True after <see cref="Abort"/>: this unit's statements are undone, its result still returned.</summary>
    public bool Aborted { get; private set; }

    /// <summary>Undo what this unit wrote (for example a duplicate found half-way); other units still commit.</summary>
    public void Abort() => Aborted = true;
}
