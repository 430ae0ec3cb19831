using Dapper;
using FluentAssertions;
using IntegrationHub.Hub.Persistence;
using Microsoft.Data.Sqlite;
using Xunit;

namespace IntegrationHub.Tests.Persistence;

/// <summary>
/// The SQLite writer's connection keeps each statement compiled by its text; Dapper's calls through it must behave
/// exactly as on a plain connection: each call its own values, a statement in use not shared, a failed statement
/// harmless to the next use.
/// </summary>
public sealed class PreparedConnectionTests : IDisposable
{
    readonly string _file = Path.Combine(Path.GetTempPath(), "prepared-" + Guid.NewGuid().ToString("N")[..12] + ".db");
    readonly PreparedConnection _connection;

    public PreparedConnectionTests()
    {
        var inner = new SqliteConnection($"Data Source={_file};Pooling=False");
        inner.Open();
        _connection = new PreparedConnection(inner);
        _connection.Execute("CREATE TABLE probe (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
    }

    [Fact]
    public async Task A_text_used_again_is_compiled_once_and_each_call_binds_its_own_values()
    {
        var before = _connection.Compiled;
        await using (var transaction = _connection.Inner.BeginTransaction())
        {
            foreach (var name in new[] { "a", "b", "c" })
                await _connection.ExecuteAsync("INSERT INTO probe (name) VALUES (@Name)", new { Name = name }, transaction);
            transaction.Commit();
        }
        foreach (var name in new[] { "a", "b", "c" })
            (await _connection.QuerySingleAsync<string>("SELECT name FROM probe WHERE name = @Name", new { Name = name })).Should().Be(name);

        _connection.Compiled.Should().Be(before + 2, "one insert and one select, each compiled once");
    }

    [Fact]
    public void A_statement_whose_reader_is_still_open_is_not_given_to_another_use()
    {
        _connection.Execute("INSERT INTO probe (name) VALUES ('x'), ('y')");
        using var outer = _connection.CreateCommand();
        outer.CommandText = "SELECT name FROM probe ORDER BY name";
        using var reader = outer.ExecuteReader();
        reader.Read().Should().BeTrue();

        // The same text again while the first reader is open: it must run, not throw "a reader is already open".
        _connection.Query<string>("SELECT name FROM probe ORDER BY name").Should().Equal("x", "y");
        reader.GetString(0).Should().Be("x");
        reader.Read().Should().BeTrue();
        reader.GetString(0).Should().Be("y");
    }

    [Fact]
    public void A_statement_that_failed_runs_again_with_new_values()
    {
        _connection.Execute("INSERT INTO probe (name) VALUES (@Name)", new { Name = "same" });
        var twice = () => _connection.Execute("INSERT INTO probe (name) VALUES (@Name)", new { Name = "same" });
        twice.Should().Throw<SqliteException>();

        _connection.Execute("INSERT INTO probe (name) VALUES (@Name)", new { Name = "other" });
        _connection.Query<string>("SELECT name FROM probe ORDER BY name").Should().Equal("other", "same");
    }

    [Fact]
    public void A_statement_in_a_transaction_writes_in_it_and_a_rollback_undoes_it()
    {
        using (var transaction = _connection.Inner.BeginTransaction())
        {
            _connection.Execute("INSERT INTO probe (name) VALUES (@Name)", new { Name = "undone" }, transaction);
            transaction.Rollback();
        }
        _connection.Execute("INSERT INTO probe (name) VALUES (@Name)", new { Name = "kept" });
        _connection.Query<string>("SELECT name FROM probe").Should().Equal("kept");
    }

    public void Dispose()
    {
        _connection.Dispose();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm", _file + "-journal" })
            File.Delete(file);
    }
}
