using IntegrationHub.Hub.Cli;

namespace IntegrationHub.Tests.Audit;

/// <summary>The auditor's command line reads the database directly: exit 0 intact, 2 broken.</summary>
public class AuditCliTests : IAsyncLifetime
{
    ScratchLog _log = null!;

    public async Task InitializeAsync() => _log = await ScratchLog.CreateAsync();

    public async Task DisposeAsync() => await _log.DisposeAsync();

    [Fact]
    public async Task Verify_exits_0_when_intact_and_2_when_an_entry_was_changed()
    {
        await _log.AppendAsync(4);
        (await HubCli.RunAsync(["audit", "verify", "--data", _log.Directory])).Should().Be(0);

        await _log.ExecuteAsync("UPDATE delivery_log SET outcome = 'rejected' WHERE seq = 3");
        (await HubCli.RunAsync(["audit", "verify", "--data", _log.Directory])).Should().Be(2);
    }

    [Fact]
    public async Task Verify_of_a_directory_without_a_hub_database_fails_instead_of_reporting_an_empty_intact_log()
    {
        var missing = Path.Combine(_log.Directory, "typo");
        (await HubCli.RunAsync(["audit", "verify", "--data", missing])).Should().Be(1);
        Directory.Exists(missing).Should().BeFalse();
    }

    [Fact]
    public async Task Export_writes_the_period_to_a_file()
    {
        await _log.AppendAsync(4);
        var file = Path.Combine(_log.Directory, "export.csv");

        var exit = await HubCli.RunAsync(["audit", "export", "--from", "2026-11-23", "--to", "2026-11-24", "--format", "csv", "--out", file, "--data", _log.Directory]);

        exit.Should().Be(0);
        Csv.Parse(await File.ReadAllTextAsync(file)).Should().HaveCount(5);
    }
}
