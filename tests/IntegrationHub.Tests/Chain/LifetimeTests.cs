using IntegrationHub.Tests.Support;
using static IntegrationHub.Tests.Chain.ChainKit;

namespace IntegrationHub.Tests.Chain;

/// <summary>
/// Lifetimes (VIR practice, CHAIN.md §1; region terms, defaults 24 and 60 months): a signal matches for 24 months after
/// its last update, stays visible for 60, then is deleted with its subject key link; on the simulated clock.
/// </summary>
public class LifetimeTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(Monday));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_signal_older_than_24_months_matches_no_more()
    {
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));
        await _hub.AdvanceToAsync(Monday.AddMonths(24).AddDays(1));

        var late = await _hub.SignalAsync(Signal("school-de-regenboog", Kevin));

        late["matched"]!.GetValue<bool>().Should().BeFalse("the CJG's signal is no longer active");
        (await _hub.MatchesAsync("cjg-tilburg")).Should().BeEmpty();
    }

    [Fact]
    public async Task Signalling_again_is_an_update_and_the_24_months_run_from_it()
    {
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));
        await _hub.AdvanceToAsync(Monday.AddMonths(20));
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));
        await _hub.AdvanceToAsync(Monday.AddMonths(25));

        (await _hub.SignalAsync(Signal("school-de-regenboog", Kevin)))["matched"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_signal_is_visible_for_60_months_then_deleted_with_its_links_matches_and_family()
    {
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin, siblings: [Henk], guardians: [Mother]));
        await _hub.SignalAsync(Signal("school-de-regenboog", Kevin));
        var familyId = await _hub.FamilyOfAsync("cjg-tilburg");

        await _hub.AdvanceToAsync(Monday.AddMonths(60).AddDays(-1));
        var visible = await _hub.MatchesAsync("cjg-tilburg");
        visible.Should().ContainSingle("inactive signals stay visible");
        visible[0]!["signals"]!.AsArray().Should().OnlyContain(s => !s!["active"]!.GetValue<bool>());

        await _hub.AdvanceToAsync(Monday.AddMonths(60).AddDays(1));
        await _hub.EventuallyAsync(() => _hub.CountAsync("SELECT COUNT(*) FROM signals"), n => n == 0, "deletion of both signals");

        (await _hub.MatchesAsync("cjg-tilburg")).Should().BeEmpty();
        foreach (var table in new[] { "family_links", "chain_subjects", "families", "matches", "match_parties", "chain_handovers", "chain_deadlines", "coordinator_assignments" })
            (await _hub.CountAsync($"SELECT COUNT(*) FROM {table}")).Should().Be(0, $"{table} keeps nothing of a child the index no longer holds");
        (await _hub.CountAsync("SELECT COUNT(*) FROM delivery_log WHERE kind = 'signal:concern' AND outcome = 'purged'")).Should().Be(2);
        (await _hub.Operator.GetAsync($"/api/operator/families/{familyId}?purpose=audit")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }
}
