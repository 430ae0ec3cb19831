using IntegrationHub.Tests.Support;
using static IntegrationHub.Tests.Chain.ChainKit;

namespace IntegrationHub.Tests.Chain;

/// <summary>No child discussed in two meetings (seed 000:971-975): a second meeting on the same child or family is told, with the first's chair, and so is the chain office.</summary>
public class CaseMeetingTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(Monday));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_second_meeting_on_the_family_raises_a_double_case_meeting_notice_to_both_chairs_and_the_chain_office()
    {
        await _hub.SignalAsync(Signal("veiligheidshuis-tilburg", Henk, "2012-09-03", kind: "case-meeting", meetingId: "HCO-2027-01-22", professional: "E. Visser"));
        await _hub.SignalAsync(Signal("school-de-regenboog", Kevin, kind: "case-meeting", meetingId: "ZAT-2027-02-01", siblings: [Henk], professional: "M. de Vries"));

        var vhh = (await _hub.WaitForMailOfKindAsync("veiligheidshuis-tilburg", "notice", noticeKind: "double-case-meeting")).Single()["body"]!.GetValue<string>();
        vhh.Should().Contain("\"type\": \"melding\"").And.Contain("ZAT-2027-02-01").And.Contain("M. de Vries");
        var school = (await _hub.WaitForMailOfKindAsync("school-de-regenboog", "notice", noticeKind: "double-case-meeting")).Single()["body"]!.GetValue<string>();
        school.Should().Contain("Melding;").And.Contain("HCO-2027-01-22").And.Contain("E. Visser");
        var office = (await _hub.WaitForMailOfKindAsync("gemeente-tilburg", "notice", noticeKind: "double-case-meeting")).Single().Body();
        office["notice"]!["facts"]!["otherChair"]!.GetValue<string>().Should().Contain("E. Visser");
        office.ToJsonString().Should().NotContain(Henk).And.NotContain(Kevin);
    }

    [Fact]
    public async Task The_same_meeting_signalled_again_and_plain_concerns_raise_nothing()
    {
        await _hub.SignalAsync(Signal("veiligheidshuis-tilburg", Henk, "2012-09-03", kind: "case-meeting", meetingId: "HCO-2027-01-22"));
        await _hub.SignalAsync(Signal("veiligheidshuis-tilburg", Henk, "2012-09-03", kind: "case-meeting", meetingId: "HCO-2027-01-22"));
        await _hub.SignalAsync(Signal("school-de-regenboog", Henk, "2012-09-03"));
        // A pair of meetings is told once, however often either is signalled again.
        await _hub.SignalAsync(Signal("cjg-tilburg", Henk, "2012-09-03", kind: "case-meeting", meetingId: "MDO-1"));
        await _hub.SignalAsync(Signal("cjg-tilburg", Henk, "2012-09-03", kind: "case-meeting", meetingId: "MDO-1"));

        await _hub.WaitForMailOfKindAsync("cjg-tilburg", "notice", noticeKind: "double-case-meeting");
        await Task.Delay(300);
        (await _hub.MailAsync("cjg-tilburg")).Count(m => m!["body"]!.GetValue<string>().Contains("double-case-meeting")).Should().Be(1);
        (await _hub.CountAsync("SELECT COUNT(*) FROM case_meeting_overlaps")).Should().Be(1);
    }
}
