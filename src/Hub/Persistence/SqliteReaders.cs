using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Hub.Persistence;

/// <summary>
/// The hub's SQLite read connections, kept open with their compiled statements (<see cref="PreparedConnection"/>) and
/// handed out again when their caller disposes them. Microsoft.Data.Sqlite's own pool keeps the connection but drops
/// its statements, so every read compiled its SQL again, and every open ran the connection's pragmas again. A
/// connection comes back only when it is quiet (no transaction, no reader open); any other is closed.
/// </summary>
sealed class SqliteReaders(Func<CancellationToken, Task<SqliteConnection>> open) : IDisposable
{
    /// <summary>More than the hub reads at once on two cores; a burst beyond it opens and closes connections.</summary>
    const int MaxIdle = 16;

    readonly ConcurrentStack<PreparedConnection> _idle = new();
    volatile bool _disposed;

    public async Task<DbConnection> RentAsync(CancellationToken cancellationToken)
    {
        // The most recently used first: its statements and pages are the warmest.
        if (_idle.TryPop(out var connection))
            return connection;
        return new PreparedConnection(await open(cancellationToken).ConfigureAwait(false), Keep);
    }

    bool Keep(PreparedConnection connection)
    {
        if (_disposed || _idle.Count >= MaxIdle)
            return false;
        _idle.Push(connection);
        // Disposed meanwhile: this one would be missed by Dispose's sweep.
        if (_disposed && _idle.TryPop(out var late))
            late.Dispose();
        return true;
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryPop(out var connection))
            connection.Dispose();
    }
}
