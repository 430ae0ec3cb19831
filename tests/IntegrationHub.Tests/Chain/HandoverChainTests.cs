using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Support;
using static IntegrationHub.Tests.Chain.ChainKit;

namespace IntegrationHub.Tests.Chain;

/// <summary>
/// The referral index through the handovers (per covenant; the demo covenants say yes): the school's CSV referral and
/// the Veiligheidshuis's care report register signals for their senders, a receipt one for the receiver; the same
/// child handed to one receiver by two senders within the covenant's window is flagged to all three.
/// </summary>
public class HandoverChainTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(AgencySamples.Now));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Kevin_s_school_csv_and_Henk_s_care_report_match_as_one_family()
    {
        await _hub.PostAcceptedAsync("school", AgencySamples.SchoolKevinZat(), "text/csv");
        await _hub.PostAcceptedAsync("veiligheidshuis", AgencySamples.VhhHenkCareReport(), "application/json");

        var school = (await _hub.WaitForMailOfKindAsync("school-de-regenboog", "match")).Single()["body"]!.GetValue<string>();
        school.Should().Contain(";Gezin;").And.Contain("veiligheidshuis-tilburg").And.Contain("E. Visser");
        var vhh = (await _hub.WaitForMailOfKindAsync("veiligheidshuis-tilburg", "match")).Single()["body"]!.GetValue<string>();
        vhh.Should().Contain("\"soort\": \"gezin\"").And.Contain("M. de Vries").And.NotContain("Kevin").And.NotContain("123456782");
        (await _hub.CountAsync("SELECT COUNT(*) FROM signals WHERE source LIKE 'handover:adapter:%'")).Should().Be(2);
    }

    [Fact]
    public async Task A_case_meeting_outcome_is_a_case_meeting_signal_of_its_meeting()
    {
        await _hub.PostAcceptedAsync("veiligheidshuis", VhhFixturesAccess.CaseMeetingHenk(), "application/json");

        (await _hub.CountAsync("SELECT COUNT(*) FROM signals WHERE kind = 'case-meeting' AND meeting_id = 'HCO-2027-01-22'")).Should().Be(1);
    }

    [Fact]
    public async Task A_receipt_puts_the_receiver_s_care_on_the_index_without_matching_it_with_its_own_sender()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        await _hub.WaitForStateAsync(id, "delivered");
        (await _hub.FeedbackAsync(id, Messages.Feedback("receipt", "bjz-noord-brabant"))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        (await _hub.CountAsync("SELECT COUNT(*) FROM signals WHERE agency = 'bjz-noord-brabant' AND kind = 'care'")).Should().Be(1);
        (await _hub.MatchesAsync("bjz-noord-brabant")).Should().BeEmpty("the school handed Kevin to BJZ: they know each other, a match would tell them nothing");
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));
        (await _hub.MatchesAsync("bjz-noord-brabant")).Should().ContainSingle("the CJG is new to both")
            .Which!["signals"]!.AsArray().Select(s => s!["agencyId"]!.GetValue<string>()).Should().BeEquivalentTo("cjg-tilburg", "school-de-regenboog", "bjz-noord-brabant");
    }

    [Fact]
    public async Task The_same_child_to_the_same_receiver_from_two_senders_is_flagged_to_both_senders_and_the_receiver_with_each_other_s_contact()
    {
        var fromSchool = await _hub.SubmitAsync(Messages.Handover());
        var jgzHandover = Messages.Handover(sender: "jgz-tilburg");
        jgzHandover["sender"]!["professional"] = new JsonObject { ["name"] = "T. Hendriks", ["phone"] = "013-5550200" };
        var fromJgz = await _hub.SubmitAsync(jgzHandover);

        var school = (await _hub.WaitForMailOfKindAsync("school-de-regenboog", "notice", noticeKind: "possible-duplicate-handover")).Single()["body"]!.GetValue<string>();
        school.Should().Contain(fromJgz.ToString()).And.Contain("T. Hendriks").And.Contain("013-5550200");
        var jgz = (await _hub.WaitForMailOfKindAsync("jgz-tilburg", "notice", noticeKind: "possible-duplicate-handover")).Single()["body"]!.GetValue<string>();
        jgz.Should().Contain(fromSchool.ToString()).And.Contain("M. de Vries");
        var bjz = (await _hub.WaitForMailOfKindAsync("bjz-noord-brabant", "notice", noticeKind: "possible-duplicate-handover")).Single()["body"]!.GetValue<string>();
        bjz.Should().Contain("<Melding").And.Contain(fromSchool.ToString()).And.Contain(fromJgz.ToString());
        (await _hub.CountAsync("SELECT COUNT(*) FROM handover_links WHERE kind = 'possible-duplicate'")).Should().Be(2);
    }

    [Fact]
    public async Task Outside_the_window_or_after_a_rejection_or_from_the_same_sender_nothing_is_flagged()
    {
        var first = await _hub.SubmitAsync(Messages.Handover());
        await _hub.SubmitAsync(Messages.Handover());                       // the same sender again: its own business
        await _hub.AdvanceAsync("P30D");                                   // past 20 working days
        await _hub.SubmitAsync(Messages.Handover(sender: "jgz-tilburg"));

        var rejected = await _hub.SubmitAsync(Messages.Handover(sender: "cjg-tilburg", receiver: "veiligheidshuis-tilburg"));
        await _hub.WaitForStateAsync(rejected, "delivered");
        (await _hub.FeedbackAsync(rejected, Messages.Feedback("rejection", "veiligheidshuis-tilburg", reason: "Niet voor ons"))).EnsureSuccessStatusCode();
        await _hub.WaitForStateAsync(rejected, "rejected");
        await _hub.SubmitAsync(Messages.Handover(sender: "school-de-regenboog", receiver: "veiligheidshuis-tilburg"));

        (await _hub.CountAsync("SELECT COUNT(*) FROM handover_links")).Should().Be(0);
        _ = first;
    }
}

/// <summary>The Veiligheidshuis's case-meeting golden message, as that agency sends it.</summary>
static class VhhFixturesAccess
{
    public static byte[] CaseMeetingHenk() => File.ReadAllBytes(RepoFiles.Path("tests", "IntegrationHub.Tests", "Adapters", "Veiligheidshuis", "Golden", "henk-casusoverleg-overdracht.json"));
}
