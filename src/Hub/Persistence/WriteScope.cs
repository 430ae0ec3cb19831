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

    int _savepoints;

    /// <summary>
    /// Runs <paramref name="work"/> under a savepoint of its own: when it throws, only its writes are undone,
    /// <paramref name="onFault"/> hears why, and the rest of the unit goes on (one handover's defect must not
    /// hold back a batch). False when it failed.
    /// </summary>
    public async Task<bool> IsolatedAsync(Func<Task> work, Action<Exception> onFault)
    {
        var name = "isolated" + ++_savepoints;
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
            onFault(e);
            return false;
        }
    }
}
