using Dapper;
using FluentAssertions;
using IntegrationHub.Hub.Persistence;
using Xunit;

namespace IntegrationHub.Tests.Persistence;

/// <summary>
/// SQLite read connections are kept with their compiled statements and handed out again, but only when the caller
/// left them quiet: a connection given back inside a transaction or with a reader open must never reach the next
/// caller, who would see (or be blocked by) the first one's state.
/// </summary>
public sealed class SqliteReadersTests : IAsyncLifetime
{
    ScratchDatabase _scratch = null!;
    HubDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _scratch = await ScratchDatabase.CreateAsync("readers");
        _database = _scratch.Database;
    }

    [Fact]
    public async Task A_quiet_connection_comes_back_with_its_statements()
    {
        System.Data.Common.DbConnection first;
        await using (var connection = await _database.OpenAsync())
        {
            (await connection.QuerySingleAsync<long>("SELECT 41 + 1")).Should().Be(42);
            first = connection;
        }
        await using var again = await _database.OpenAsync();
        again.Should().BeSameAs(first);
        var compiled = ((PreparedConnection)again).Compiled;
        (await again.QuerySingleAsync<long>("SELECT 41 + 1")).Should().Be(42);
        ((PreparedConnection)again).Compiled.Should().Be(compiled, "the statement was compiled by the first caller");
    }

    [Fact]
    public async Task A_connection_left_in_a_transaction_is_closed_not_handed_on()
    {
        var connection = await _database.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("CREATE TABLE scratch (id INTEGER)", transaction: transaction);
        await connection.DisposeAsync();

        await using var next = await _database.OpenAsync();
        next.Should().NotBeSameAs(connection);
        (await next.QuerySingleAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'scratch'")).Should().Be(0);
    }

    [Fact]
    public async Task A_connection_given_back_with_a_reader_open_is_closed_not_handed_on()
    {
        var connection = await _database.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 UNION ALL SELECT 2";
        var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        await connection.DisposeAsync();

        await using var next = await _database.OpenAsync();
        next.Should().NotBeSameAs(connection);
    }

    public Task DisposeAsync()
    {
        _scratch.Dispose();
        return Task.CompletedTask;
    }
}
