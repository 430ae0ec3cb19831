using IntegrationHub.Hub.Demo;

namespace IntegrationHub.Tests.Demo;

public class PietersdamDemoTests
{
    [Fact]
    public async Task The_documented_demo_plays_the_whole_escalation_and_its_resolution()
    {
        var output = new StringWriter();

        var exitCode = await PietersdamScenario.RunAsync([], output, CancellationToken.None);

        var text = output.ToString();
        exitCode.Should().Be(0, text);
        text.Should().Contain("delivered").And.Contain("receipt-confirmed").And.Contain("deadline-missed");
        text.Should().Contain("level 1 (care-started) raised").And.Contain("level 2 (care-started) raised").And.Contain("level 3 (care-started) raised");
        text.Should().Contain("alderman at gemeente-tilburg");
        text.Should().Contain("family match: Kevin and Henk are brothers").And.Contain("veiligheidshuis-tilburg (E. Visser)");
        text.Should().Contain("coordinator by the Eindhoven table (rule bjz-involved");
        text.Should().Contain("coordinator bjz-noord-brabant (rule bjz-involved)");
        text.Should().Contain("Result: Kevin and Henk matched as a family, BJZ coordinates by the Eindhoven table, care started; escalations 1, 2 and 3 were raised once each and all resolved; the school heard.");
    }
}
