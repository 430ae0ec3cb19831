using IntegrationHub.Hub.Cli;

namespace IntegrationHub.Tests.Operator;

public class CliMissingDataTests
{
    [Theory]
    [InlineData("status")]
    [InlineData("escalations")]
    [InlineData("handovers", "list")]
    [InlineData("audit", "verify")]
    public async Task A_data_directory_without_a_hub_refuses_instead_of_creating_an_empty_one(params string[] command)
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-hub-" + Guid.NewGuid().ToString("N")[..8]);

        var code = await HubCli.RunAsync([.. command, "--data", missing], new StringWriter());

        code.Should().Be(1);
        Directory.Exists(missing).Should().BeFalse("a mistyped --data must not leave an empty hub behind");
    }
}
