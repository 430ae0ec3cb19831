using System.Net;
using IntegrationHub.Hub.Cli;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Operator;

/// <summary><c>rejects list</c> shows why a handover was refused; <c>rejects replay --body</c> gets the corrected one accepted.</summary>
public class CliReplayTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await OperatorHub.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_refused_handover_is_listed_and_replayed_corrected_from_a_file()
    {
        var handover = Messages.Handover();
        handover["subject"]!["bsn"] = "123456789";
        (await _hub.PostHandoverAsync(handover)).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var (listed, list) = await RunAsync("rejects", "list");
        listed.Should().Be(0);
        list.Should().Contain("/subject/bsn").And.Contain("api:handovers").And.Contain("niet opnieuw verwerkt");

        handover["subject"]!["bsn"] = "123456782";
        var file = Path.Combine(_hub.DataDirectory, "corrected.json");
        await File.WriteAllTextAsync(file, handover.ToJsonString());
        var (replayed, replay) = await RunAsync("rejects", "replay", "1", "--body", file);

        replayed.Should().Be(0, replay);
        replay.Should().Contain("accepted");
        (await RunAsync("rejects", "list")).Output.Should().Contain("accepted");
        (await RunAsync("rejects", "replay", "42")).Code.Should().Be(1);
    }

    async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var code = await HubCli.RunAsync([.. args, "--data", _hub.DataDirectory], output);
        return (code, output.ToString());
    }
}
