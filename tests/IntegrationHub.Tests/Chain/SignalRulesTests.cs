using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Support;
using static IntegrationHub.Tests.Chain.ChainKit;

namespace IntegrationHub.Tests.Chain;

/// <summary>
/// What POST /api/signals takes (API.md): an agency acting as itself, a valid signal without any concern content,
/// idempotent on its messageId; a match's contact confirmed within 10 working days (reminded at 5, the chain office
/// told at 10); an operator's look at a family logged with its purpose.
/// </summary>
public class SignalRulesTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(Monday));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    static async Task<IEnumerable<string>> PathsAsync(HttpResponseMessage response) =>
        (await response.ReadJsonAsync())["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>());

    [Fact]
    public async Task A_stranger_is_refused_an_agency_signals_only_as_itself_and_an_operator_not_at_all()
    {
        var signal = Signal("cjg-tilburg", Kevin);
        (await _hub.Http.PostAsync("/api/signals", Messages.Json(signal))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _hub.Http.GetAsync("/api/signals/matches")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _hub.As("school-de-regenboog").PostAsync("/api/signals", Messages.Json(signal))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _hub.Operator.PostAsync("/api/signals", Messages.Json(signal))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _hub.Operator.GetAsync("/api/signals/matches")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _hub.CountAsync("SELECT COUNT(*) FROM signals")).Should().Be(0, "nothing is stored but the refusal");
    }

    [Fact]
    public async Task A_bad_signal_is_refused_by_path_without_its_values_and_a_concern_cannot_be_carried()
    {
        var bad = Signal("cjg-tilburg", "123456789", "2099-01-01", kind: "case-meeting");
        bad["family"] = new JsonObject { ["siblings"] = new JsonArray(new JsonObject { ["bsn"] = "111111111" }), ["guardians"] = new JsonArray(new JsonObject()) };
        var response = await _hub.PostSignalAsync(bad);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().NotContain("123456789").And.NotContain("2099-01-01").And.NotContain("111111111");
        (await PathsAsync(await _hub.PostSignalAsync(bad))).Should().Contain(["/subject/bsn", "/subject/birthDate", "/meetingId", "/family/siblings/0/bsn", "/family/guardians/0"]);

        var concern = Signal("cjg-tilburg", Kevin);
        concern["concern"] = "Teruggetrokken";
        (await PathsAsync(await _hub.PostSignalAsync(concern))).Should().Contain("/concern", "a signal never carries the concern itself");

        var tooOld = Signal("cjg-tilburg", Kevin, "2003-01-01");
        (await PathsAsync(await _hub.PostSignalAsync(tooOld))).Should().Equal("/subject/birthDate");
        (await _hub.Operator.GetFromJsonAsync<JsonObject>("/api/operator/rejects"))!.ToJsonString().Should().Contain("api:signals");
    }

    [Fact]
    public async Task The_same_messageId_gives_the_first_answer_and_other_content_under_it_is_a_conflict()
    {
        var signal = Signal("cjg-tilburg", Kevin);
        var first = await _hub.SignalAsync(signal);
        var again = await _hub.SignalAsync(signal);
        again["signalId"]!.GetValue<string>().Should().Be(first["signalId"]!.GetValue<string>());
        again["duplicate"]!.GetValue<bool>().Should().BeTrue();

        signal["kind"] = "care";
        (await _hub.PostSignalAsync(signal)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        // Another agency's messageId is another message.
        var other = Signal("school-de-regenboog", Kevin);
        other["messageId"] = signal["messageId"]!.GetValue<string>();
        (await _hub.PostSignalAsync(other)).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_match_not_confirmed_is_reminded_after_5_working_days_and_reported_to_the_chain_office_after_10()
    {
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));
        await _hub.SignalAsync(Signal("school-de-regenboog", Kevin));
        var matchId = (await _hub.MatchesAsync("cjg-tilburg"))[0]!["matchId"]!.GetValue<string>();
        (await _hub.As("cjg-tilburg").PostAsync($"/api/signals/matches/{matchId}/contact", null)).EnsureSuccessStatusCode();

        await _hub.AdvanceToAsync(Monday.AddDays(7).AddMinutes(-1));
        (await _hub.MailAsync("school-de-regenboog")).Should().NotContain(m => m!["body"]!.GetValue<string>().Contains("match-contact-reminder"));
        await _hub.AdvanceToAsync(Monday.AddDays(7));
        (await _hub.WaitForMailOfKindAsync("school-de-regenboog", "notice", noticeKind: "match-contact-reminder")).Should().ContainSingle();
        (await _hub.MailAsync("cjg-tilburg")).Should().NotContain(m => m!["body"]!.GetValue<string>().Contains("match-contact-reminder"), "the CJG confirmed");

        await _hub.AdvanceToAsync(Monday.AddDays(14));
        var office = (await _hub.WaitForMailOfKindAsync("gemeente-tilburg", "notice", noticeKind: "match-not-followed-up")).Single().Body();
        office["notice"]!["facts"]!["agency"]!.GetValue<string>().Should().Be("school-de-regenboog");
        var overview = await _hub.OverviewAsync();
        overview["matchesNotFollowedUp"]!.AsArray().Should().ContainSingle(m => m!["party"]!.GetValue<string>() == "school-de-regenboog");
        overview["matchParties"]!["contactConfirmed"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task An_operator_looks_at_a_family_only_with_a_purpose_and_each_look_is_logged_with_it()
    {
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin, siblings: [Henk]));
        await _hub.SignalAsync(Signal("veiligheidshuis-tilburg", Henk, "2012-09-03"));
        var familyId = await _hub.FamilyOfAsync("cjg-tilburg");

        (await _hub.Operator.GetAsync($"/api/operator/families/{familyId}")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _hub.Operator.GetAsync($"/api/operator/families/{familyId}?purpose=curiosity")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var view = await _hub.FamilyAsync(familyId, "escalation");
        view["signals"]!.AsArray().Should().HaveCount(2);
        view["matches"]!.AsArray().Should().ContainSingle();
        view.ToJsonString().Should().NotContain(Kevin).And.NotContain(Henk);
        (await _hub.As("cjg-tilburg").GetAsync($"/api/operator/families/{familyId}?purpose=audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _hub.As("school-vmbo-noord").GetAsync($"/api/families/{familyId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await _hub.CountAsync("SELECT COUNT(*) FROM delivery_log WHERE kind = 'lookup:family' AND purpose = 'escalation' AND outcome = 'viewed'")).Should().Be(1);
    }
}
