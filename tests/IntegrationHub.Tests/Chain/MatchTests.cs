using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Support;
using static IntegrationHub.Tests.Chain.ChainKit;

namespace IntegrationHub.Tests.Chain;

/// <summary>
/// The referral index (API.md, Signals and matches; CHAIN.md §1): signals of different agencies on one child make a
/// child match, on children who share a guardian or are siblings a family match; both parties hear it in their own
/// format with the other's name and contact only; each agency sees its own matches and nothing else.
/// </summary>
public class MatchTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(Monday));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Two_agencies_signalling_one_child_make_a_child_match_that_both_hear_of_in_their_own_format()
    {
        var first = await _hub.SignalAsync(Signal("cjg-tilburg", Kevin, professional: "S. Bos"));
        first["matched"]!.GetValue<bool>().Should().BeFalse("one signal is no match");

        var second = await _hub.SignalAsync(Signal("school-de-regenboog", Kevin, professional: "M. de Vries"));

        second["matched"]!.GetValue<bool>().Should().BeTrue();
        // The CJG reads canonical JSON: the other party's name and contact, nothing about the child or the concern.
        var cjgMail = (await _hub.WaitForMailOfKindAsync("cjg-tilburg", "match")).Single().Body();
        var match = cjgMail["match"]!;
        match["kind"]!.GetValue<string>().Should().Be("child");
        match["signalId"]!.GetValue<string>().Should().Be(first["signalId"]!.GetValue<string>());
        match["others"]!.AsArray().Should().ContainSingle().Which!["name"]!.GetValue<string>().Should().Be("M. de Vries");
        match["confirmContactBy"].Should().NotBeNull();
        cjgMail.ToJsonString().Should().NotContain(Kevin).And.NotContain("2016-04-12");
        // The school reads its own CSV: one row, the CJG's professional to call.
        var csv = (await _hub.WaitForMailOfKindAsync("school-de-regenboog", "match")).Single()["body"]!.GetValue<string>();
        csv.Should().StartWith("\uFEFFBerichttype;Berichtnummer;Matchnummer").And.Contain(";Kind;").And.Contain("S. Bos").And.Contain("cjg-tilburg");
        csv.Should().NotContain(Kevin);
    }

    [Fact]
    public async Task Each_agency_sees_its_own_matches_only()
    {
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));
        await _hub.SignalAsync(Signal("school-de-regenboog", Kevin));
        await _hub.SignalAsync(Signal("jgz-tilburg", Lisa, "2020-01-01"));
        await _hub.SignalAsync(Signal("bjz-noord-brabant", Lisa, "2020-01-01"));

        var cjg = await _hub.MatchesAsync("cjg-tilburg");
        var jgz = await _hub.MatchesAsync("jgz-tilburg");
        var vmbo = await _hub.MatchesAsync("school-vmbo-noord");

        cjg.Should().ContainSingle();
        cjg[0]!["signals"]!.AsArray().Select(s => s!["agencyId"]!.GetValue<string>()).Should().BeEquivalentTo("cjg-tilburg", "school-de-regenboog");
        jgz.Should().ContainSingle();
        jgz[0]!["matchId"]!.GetValue<string>().Should().NotBe(cjg[0]!["matchId"]!.GetValue<string>());
        jgz.ToJsonString().Should().NotContain("cjg-tilburg").And.NotContain("school-de-regenboog");
        vmbo.Should().BeEmpty("an agency that signalled nothing sees no one's matches");
        // Only the agency's own signal carries its id.
        cjg[0]!["signals"]!.AsArray().Single(s => s!["agencyId"]!.GetValue<string>() == "school-de-regenboog")!["signalId"].Should().BeNull();
    }

    [Fact]
    public async Task Siblings_or_a_shared_guardian_make_a_family_match_and_one_family()
    {
        await _hub.SignalAsync(Signal("school-de-regenboog", Kevin, siblings: [Henk]));
        var henk = await _hub.SignalAsync(Signal("veiligheidshuis-tilburg", Henk, "2012-09-03"));
        henk["matched"]!.GetValue<bool>().Should().BeTrue("Kevin's school named Henk as his brother");

        // Tom shares a guardian with Lisa (by the guardian's BSN), nothing else links them.
        await _hub.SignalAsync(Signal("jgz-tilburg", Lisa, "2021-03-03", guardians: [Mother]));
        var tom = await _hub.SignalAsync(Signal("cjg-tilburg", Tom, "2019-05-05", guardians: [Mother]));
        tom["matched"]!.GetValue<bool>().Should().BeTrue();

        var school = await _hub.MatchesAsync("school-de-regenboog");
        school.Should().ContainSingle().Which!["kind"]!.GetValue<string>().Should().Be("family");
        var tomMatch = (await _hub.MatchesAsync("cjg-tilburg")).Should().ContainSingle().Subject!;
        tomMatch["kind"]!.GetValue<string>().Should().Be("family");
        tomMatch["familyId"]!.GetValue<string>().Should().NotBe(school[0]!["familyId"]!.GetValue<string>(), "two families");
        var family = await _hub.FamilyAsync(school[0]!["familyId"]!.GetValue<string>());
        family["children"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task One_agency_signalling_again_refreshes_its_signal_and_makes_no_match_with_itself()
    {
        var first = await _hub.SignalAsync(Signal("cjg-tilburg", Kevin, siblings: [Henk]));
        var again = await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));
        await _hub.SignalAsync(Signal("cjg-tilburg", Henk, "2012-09-03"));

        again["signalId"]!.GetValue<string>().Should().Be(first["signalId"]!.GetValue<string>());
        again["matched"]!.GetValue<bool>().Should().BeFalse();
        (await _hub.MatchesAsync("cjg-tilburg")).Should().BeEmpty("an agency's own signals on siblings are no match");
    }

    [Fact]
    public async Task A_match_is_made_once_however_often_its_parties_signal_again()
    {
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));
        await _hub.SignalAsync(Signal("school-de-regenboog", Kevin));
        await _hub.SignalAsync(Signal("school-de-regenboog", Kevin));
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));

        (await _hub.MatchesAsync("cjg-tilburg")).Should().ContainSingle();
        (await _hub.CountAsync("SELECT COUNT(*) FROM matches")).Should().Be(1);
    }

    [Fact]
    public async Task A_third_agency_joins_in_a_new_match_with_both()
    {
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));
        await _hub.SignalAsync(Signal("school-de-regenboog", Kevin));
        await _hub.SignalAsync(Signal("jgz-tilburg", Kevin));

        var jgz = (await _hub.WaitForMailOfKindAsync("jgz-tilburg", "match")).Single()["body"]!.GetValue<string>();
        jgz.Should().Contain("cjg-tilburg").And.Contain("school-de-regenboog");
        (await _hub.MatchesAsync("cjg-tilburg")).Should().HaveCount(2);
    }

    [Fact]
    public async Task Every_lookup_and_every_match_is_a_delivery_log_entry()
    {
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));
        await _hub.SignalAsync(Signal("school-de-regenboog", Kevin));
        await _hub.MatchesAsync("cjg-tilburg");
        await _hub.MatchesAsync("school-vmbo-noord");

        (await _hub.CountAsync("SELECT COUNT(*) FROM delivery_log WHERE kind = 'signal:concern' AND outcome = 'accepted'")).Should().Be(2);
        (await _hub.CountAsync("SELECT COUNT(*) FROM delivery_log WHERE kind = 'match:child' AND subject_key IS NOT NULL")).Should().Be(2, "one entry per party");
        (await _hub.CountAsync("SELECT COUNT(*) FROM delivery_log WHERE kind = 'lookup:matches' AND outcome = 'viewed'")).Should().Be(2);
        (await _hub.CountAsync("SELECT COUNT(*) FROM delivery_log WHERE kind = 'lookup:matches' AND receiver = 'school-vmbo-noord'")).Should().Be(1);
        var verify = await _hub.Auditor.GetFromJsonAsync<JsonObject>("/api/audit/verify");
        verify!.ToJsonString().Should().Contain("true");
    }

    [Fact]
    public async Task A_signal_is_the_signalling_agency_s_to_withdraw_and_its_match_ends_with_it()
    {
        var cjg = await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));
        await _hub.SignalAsync(Signal("school-de-regenboog", Kevin));
        var id = cjg["signalId"]!.GetValue<string>();

        (await _hub.As("school-de-regenboog").DeleteAsync($"/api/signals/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _hub.As("cjg-tilburg").DeleteAsync($"/api/signals/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _hub.Http.DeleteAsync($"/api/signals/{id}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _hub.As("cjg-tilburg").DeleteAsync($"/api/signals/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await _hub.MatchesAsync("school-de-regenboog")).Should().BeEmpty("a match of one party is no match");
        (await _hub.CountAsync("SELECT COUNT(*) FROM signals WHERE signal_id = @Id", new { Id = id })).Should().Be(0);
        (await _hub.CountAsync("SELECT COUNT(*) FROM delivery_log WHERE kind = 'signal:concern' AND outcome = 'withdrawn'")).Should().Be(1);
    }

    [Fact]
    public async Task A_contact_confirmation_is_the_party_s_own_and_meets_its_deadline()
    {
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));
        await _hub.SignalAsync(Signal("school-de-regenboog", Kevin));
        var matchId = (await _hub.MatchesAsync("cjg-tilburg"))[0]!["matchId"]!.GetValue<string>();

        (await _hub.As("school-vmbo-noord").PostAsync($"/api/signals/matches/{matchId}/contact", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _hub.As("cjg-tilburg").PostAsync($"/api/signals/matches/{matchId}/contact", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var mine = (await _hub.MatchesAsync("cjg-tilburg"))[0]!["contact"]!;
        mine["confirmedAt"].Should().NotBeNull();
        (await _hub.MatchesAsync("school-de-regenboog"))[0]!["contact"]!["confirmedAt"].Should().BeNull("each party confirms for itself");
    }
}
