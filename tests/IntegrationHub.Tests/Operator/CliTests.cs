using IntegrationHub.Hub.Cli;

namespace IntegrationHub.Tests.Operator;

/// <summary>The operator commands read the seeded hub's database directly, while the hub runs.</summary>
public class CliTests(SeededHub seeded) : IClassFixture<SeededHub>
{
    [Fact]
    public async Task Status_counts_by_state()
    {
        var (code, output) = await RunAsync("status");

        code.Should().Be(0);
        output.Should().MatchRegex(@"afgeleverd, wacht op ontvangstbevestiging \(delivered\)\s*│\s*2").And.MatchRegex(@"ingetrokken \(withdrawn\)\s*│\s*1")
            .And.MatchRegex(@"totaal\s*│\s*5");
        output.Should().MatchRegex(@"termijn verstreken\s*│\s*2");
    }

    [Fact]
    public async Task Handovers_list_filters_overdue_by_agency()
    {
        var (code, output) = await RunAsync("handovers", "list", "--overdue", "--agency", "cjg-tilburg");

        code.Should().Be(0);
        output.Should().Contain(seeded.OverdueAtCjg.ToString()).And.Contain("VERSTREKEN").And.Contain("niveau 1")
            .And.NotContain(seeded.OverdueAtBjz.ToString()).And.NotContain(seeded.Withdrawn.ToString());
        output.Should().Contain("1 getoond van 1");
    }

    [Fact]
    public async Task Handovers_list_by_state()
    {
        var (_, output) = await RunAsync("handovers", "list", "--state", "withdrawn");
        output.Should().Contain(seeded.Withdrawn.ToString()).And.NotContain(seeded.InCare.ToString());
        (await RunAsync("handovers", "list", "--state", "nonsense")).Code.Should().Be(2);
    }

    [Fact]
    public async Task Handovers_show_prints_the_timeline()
    {
        var (code, output) = await RunAsync("handovers", "show", seeded.OverdueAtBjz.ToString());

        code.Should().Be(0);
        output.Should().Contain("school-de-regenboog -> bjz-noord-brabant").And.Contain("ingediend (submitted)").And.Contain("opschalingen").And.Contain("termijn verstreken (deadline-missed)")
            .And.Contain("teamleider bij bjz-noord-brabant");
    }

    [Fact]
    public async Task Escalations_lists_the_open_ones()
    {
        var (code, output) = await RunAsync("escalations");

        code.Should().Be(0);
        output.Should().Contain(seeded.OverdueAtBjz.ToString()).And.Contain(seeded.OverdueAtCjg.ToString()).And.Contain("2 getoond van 2").And.Contain("1 operationeel").And.Contain("ontvangstbevestiging");
    }

    [Fact]
    public async Task Rejects_list_says_when_there_are_none() =>
        (await RunAsync("rejects", "list")).Output.Should().Contain("Geen afgewezen berichten.");

    [Fact]
    public async Task English_on_request_with_dates_as_dd_MM_yyyy_in_Amsterdam()
    {
        var (code, output) = await RunAsync("handovers", "list", "--overdue", "--agency", "cjg-tilburg", "--lang", "en");

        code.Should().Be(0);
        output.Should().Contain("OVERDUE").And.Contain("level 1").And.Contain("1 shown of 1").And.NotContain("VERSTREKEN");
        // Submitted Monday 1 March 2027 09:00 in Amsterdam (08:00 UTC).
        output.Should().Contain("Mon 01-03-2027 09:00");
        (await RunAsync("handovers", "list", "--overdue", "--agency", "cjg-tilburg")).Output.Should().Contain("ma 01-03-2027 09:00");
    }

    async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var code = await HubCli.RunAsync([.. args, "--data", seeded.Hub.DataDirectory], output);
        return (code, output.ToString());
    }
}
