using Dapper;
using FluentAssertions;
using IntegrationHub.Hub.Persistence;
using Xunit;

namespace IntegrationHub.Tests.Persistence;

/// <summary>
/// SQLite writes from many callers share transactions (group commit); each caller must still see only
/// its own outcome: its writes commit, or roll back alone, and it hears back only after the commit.
/// </summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    ScratchDatabase _scratch = null!;
    HubDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _scratch = await ScratchDatabase.CreateAsync("group-commit");
        _database = _scratch.Database;
        await using var connection = await _database.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE probe (id INTEGER PRIMARY KEY, caller INTEGER NOT NULL)");
    }

    Task<int> InsertAsync(int caller, bool fail = false, bool abort = false) =>
        _database.WriteAsync(async scope =>
        {
            await scope.Connection.ExecuteAsync("INSERT INTO probe (caller) VALUES (@Caller)", new { Caller = caller }, scope.Transaction);
            await scope.Connection.ExecuteAsync("INSERT INTO probe (caller) VALUES (@Caller)", new { Caller = caller }, scope.Transaction);
            if (fail)
                throw new InvalidOperationException($"caller {caller} fails after writing");
            if (abort)
                scope.Abort();
            return caller;
        });

    async Task<List<int>> CallersAsync()
    {
        await using var connection = await _database.OpenAsync();
        return (await connection.QueryAsync<int>("SELECT caller FROM probe ORDER BY id")).ToList();
    }

    [Fact]
    public async Task A_failing_or_aborted_unit_is_undone_alone_while_the_rest_of_its_batch_commits()
    {
        // Queued together, so they land in the same batches; every fifth fails and every seventh aborts.
        var calls = Enumerable.Range(1, 200).Select(i => (i, task: InsertAsync(i, fail: i % 5 == 0, abort: i % 7 == 0 && i % 5 != 0))).ToList();
        foreach (var (i, task) in calls)
        {
            if (i % 5 == 0)
                await task.Invoking(t => t).Should().ThrowAsync<InvalidOperationException>().WithMessage($"caller {i} fails*");
            else
                (await task).Should().Be(i, "an aborted unit still returns its result");
        }

        var expected = Enumerable.Range(1, 200).Where(i => i % 5 != 0 && i % 7 != 0).SelectMany(i => new[] { i, i }).ToList();
        (await CallersAsync()).Should().Equal(expected, "both rows of a committed unit, none of a failed or aborted one");
    }

    [Fact]
    public async Task A_caller_hears_back_only_when_its_writes_are_visible_to_other_connections()
    {
        var tasks = Enumerable.Range(1, 100).Select(async i =>
        {
            await InsertAsync(i);
            await using var connection = await _database.OpenAsync();
            return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM probe WHERE caller = @Caller", new { Caller = i });
        });
        (await Task.WhenAll(tasks)).Should().OnlyContain(count => count == 2);
    }

    [Fact]
    public async Task Units_queued_before_the_database_closes_still_commit()
    {
        var pending = Enumerable.Range(1, 50).Select(i => InsertAsync(i)).ToList();
        _database.Dispose();
        await Task.WhenAll(pending);

        _database = _scratch.Reopen();
        (await CallersAsync()).Should().HaveCount(100);
        var closed = HubDatabase.SqliteFile(_scratch.File);
        closed.Dispose();
        await closed.Invoking(d => d.WriteAsync(_ => Task.CompletedTask)).Should().ThrowAsync<ObjectDisposedException>();
    }

    public Task DisposeAsync()
    {
        _scratch.Dispose();
        return Task.CompletedTask;
    }
}
