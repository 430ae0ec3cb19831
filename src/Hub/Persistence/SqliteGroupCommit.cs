using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Hub.Persistence;

/// <summary>
/// Group commit for SQLite's single writer: units of work queue here and one loop runs them back to back,
/// many per transaction, each under a savepoint. One BEGIN/COMMIT and one write of each touched page then
/// serve a whole batch, and no unit holds the write lock while the thread pool hands it from caller to
/// caller. A unit's caller hears its result only after the batch has committed.
/// </summary>
sealed class SqliteGroupCommit : IDisposable
{
    /// <summary>Large enough to carry a burst in one commit, small enough that a batch stays a few milliseconds.</summary>
    const int MaxBatch = 64;

    /// <summary>The writer's page cache (KiB, as SQLite's negative cache_size): the pages a storm of steps touches stay in it.</summary>
    const int WriterCacheKiB = 65536;

    readonly HubDatabase _database;
    /// <summary>
    /// The one writer's own connection, kept open across batches: as the only writer its page cache stays valid
    /// from batch to batch. A pooled connection that readers used in between starts cold (SQLite drops a
    /// connection's cache when another connection committed), and a cold writer reads every page it updates
    /// again with a system call (a fifth of the hub's CPU in a deadline storm's profile).
    /// </summary>
    PreparedConnection? _connection;
    readonly Channel<IPendingWrite> _queue = Channel.CreateUnbounded<IPendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    readonly Task _loop;

    public SqliteGroupCommit(HubDatabase database)
    {
        _database = database;
        _loop = Task.Run(LoopAsync);
    }

    public Task<T> EnqueueAsync<T>(Func<WriteScope, Task<T>> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingWrite<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(HubDatabase), "the hub database is closed");
        return pending.Task;
    }

    async Task LoopAsync()
    {
        var batch = new List<IPendingWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                if (pending.CancellationToken.IsCancellationRequested)
                    pending.Fail(new OperationCanceledException(pending.CancellationToken));
                else
                    batch.Add(pending);
            }
            if (batch.Count > 0)
                await RunBatchAsync(batch).ConfigureAwait(false);
        }
    }

    async Task RunBatchAsync(List<IPendingWrite> batch)
    {
        var done = new List<IPendingWrite>(batch.Count);
        try
        {
            var connection = _connection ??= await OpenWriterAsync().ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await _database.BeginWriteAsync(connection.Inner).ConfigureAwait(false);
            foreach (var pending in batch)
            {
                transaction.Save("unit");
                var scope = new WriteScope(connection, transaction);
                try
                {
                    await pending.RunAsync(scope).ConfigureAwait(false);
                    if (!scope.Aborted)
                        await scope.CompleteAsync().ConfigureAwait(false);
                    if (scope.Aborted)
                        transaction.Rollback("unit");
                    transaction.Release("unit");
                    done.Add(pending);
                }
                catch (Exception e)
                {
                    transaction.Rollback("unit");
                    transaction.Release("unit");
                    pending.Fail(e);
                }
            }
            transaction.Commit();
        }
        catch (Exception e)
        {
            // A connection that failed mid-batch is not trusted again.
            if (_connection is not null)
                await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
            // The batch did not commit: nothing of it is in the database, so every unit hears the failure.
            foreach (var pending in done)
                pending.Fail(e);
            foreach (var pending in batch)
                pending.Fail(e);
            return;
        }
        foreach (var pending in done)
            pending.Complete();
    }

    async Task<PreparedConnection> OpenWriterAsync()
    {
        var connection = await _database.OpenSqliteAsync().ConfigureAwait(false);
        await using var pragma = connection.CreateCommand();
        // Not temp_store=MEMORY, though the savepoints' sub-journal then costs a write call per page a unit first touches:
        // SQLite's in-memory journal is a chain read from its start, and a storm's batch of 500 steps, each under a
        // savepoint of its own, took 27 -> 33-37 s to escalate 100,000 handovers with it.
        pragma.CommandText = $"PRAGMA cache_size=-{WriterCacheKiB}";
        await pragma.ExecuteNonQueryAsync().ConfigureAwait(false);
        // The writer runs the same statements for every unit: compiled once, kept for the connection's life.
        return new PreparedConnection(connection);
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        // Units already queued still run; waiting for them keeps "accepted" true for callers already told.
        if (_loop.Wait(TimeSpan.FromSeconds(30)))
            _connection?.Dispose();
    }

    interface IPendingWrite
    {
        CancellationToken CancellationToken { get; }
        Task RunAsync(WriteScope scope);
        void Complete();
        void Fail(Exception e);
    }

    sealed class PendingWrite<T>(Func<WriteScope, Task<T>> work, CancellationToken cancellationToken) : IPendingWrite
    {
        readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        T _result = default!;

        public Task<T> Task => _completion.Task;
        public CancellationToken CancellationToken => cancellationToken;

        public async Task RunAsync(WriteScope scope) => _result = await work(scope).ConfigureAwait(false);
        public void Complete() => _completion.TrySetResult(_result);
        public void Fail(Exception e) => _completion.TrySetException(e);
    }
}
