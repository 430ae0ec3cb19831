using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Hub.Health;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Intake;

/// <summary>
/// Issue 10 §1 "Database down": a database the hub can read but not write (a SQLite file opened read-only,
/// as after a permission change, a full disk or a read-only remount) is noticed by /health, and a call that
/// needs it answers 503 problem+json with Retry-After instead of an empty 500.
/// </summary>
public class DatabaseDownTests : IAsyncLifetime
{
    string _directory = null!;
    string _databaseFile = null!;
    TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "hub-test-ro-" + Guid.NewGuid().ToString("N")[..12]);
        // A hub that ran before: its database exists with every table.
        await using (var first = await TestHub.StartAsync(dataDirectory: _directory))
        {
            first.KeepDataOnDispose = true;
            await first.SubmitAsync(Messages.Handover());
        }
        _databaseFile = Path.Combine(_directory, "hub.db");
        // Opened read-only (a URI filename): what a root-owned test cannot get from file permissions.
        _hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Hub:Database:ConnectionString"] = $"file:{_databaseFile}?mode=ro" },
            dataDirectory: _directory, waitUntilHealthy: false);
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Health_says_the_database_reads_but_does_not_write_without_naming_the_file()
    {
        var response = await _hub.Http.GetAsync("/health");
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, text);
        var body = JsonNode.Parse(text)!;
        body["status"]!.GetValue<string>().Should().Be("down");
        body["database"]!["read"]!.GetValue<string>().Should().Be("up");
        body["database"]!["write"]!.GetValue<string>().Should().StartWith("down").And.Contain("read-only");
        body["broker"]!["status"]!.GetValue<string>().Should().Be("up", "the part that is down is the database");
        text.Should().NotContain(_directory).And.NotContain("hub.db");
    }

    [Fact]
    public async Task A_handover_answers_503_problem_json_with_retry_after()
    {
        var response = await _hub.PostHandoverAsync(Messages.Handover());

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.RetryAfter!.Delta.Should().BePositive();
        var text = await response.Content.ReadAsStringAsync();
        text.Should().NotContain(_directory).And.NotContain("Kevin").And.NotContain("123456782");
        JsonNode.Parse(text)!["title"]!.GetValue<string>().Should().Contain("database");
    }

    [Fact]
    public async Task Reads_still_answer()
    {
        (await _hub.Operator.GetAsync("/api/operator/counts")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_probe_names_a_write_failure_apart_from_a_read_failure()
    {
        using var readOnly = HubDatabase.SqliteFile($"file:{_databaseFile}?mode=ro");
        var probe = await DatabaseProbe.CheckAsync(readOnly, CancellationToken.None);
        probe.Read.Should().Be("up");
        probe.Write.Should().Contain("read-only");

        using var missing = HubDatabase.SqliteFile($"file:{Path.Combine(_directory, "nowhere", "hub.db")}?mode=ro");
        var gone = await DatabaseProbe.CheckAsync(missing, CancellationToken.None);
        gone.Read.Should().StartWith("down").And.NotContain(_directory);
    }
}
