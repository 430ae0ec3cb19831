using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.NeverLetGo;

/// <summary>
/// Escalation on request, acknowledgements and binding decisions (issue 13 §3-§4): a party escalates at level 1 (an
/// unsafe situation may start at 3), the chain office at any level; addressees at level 2 and up acknowledge within the
/// covenant's term (1 working day at level 2, 2 at level 3) or are sent the notice again; at the level with binding
/// authority (the top, by default) a decision binds parties to a compliance date each, watched like any deadline.
/// </summary>
public class EscalationOnRequestTests : IAsyncLifetime
{
    const string School = "school-de-regenboog";
    const string Bjz = "bjz-noord-brabant";
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(AgencySamples.Now));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    static JsonObject Request(Guid handover, string reason, int level, string? messageId = null) => new()
    {
        ["handoverId"] = handover.ToString(), ["messageId"] = messageId ?? Guid.NewGuid().ToString(), ["reason"] = reason, ["level"] = level,
    };

    Task<HttpResponseMessage> EscalateAsync(HttpClient caller, JsonObject body) => caller.PostAsync("/api/escalations", Messages.Json(body));

    async Task<Guid> EscalatedAsync(HttpClient caller, JsonObject body)
    {
        var response = await EscalateAsync(caller, body);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return Guid.Parse((await response.ReadJsonAsync())["escalationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_party_escalates_at_level_1_about_the_other_party_with_a_reason_from_the_sources_once_per_message()
    {
        var id = await _hub.DeliveredAsync();
        var body = Request(id, "no-contact", 1);

        var escalation = await EscalatedAsync(_hub.As(School), body);
        (await EscalatedAsync(_hub.As(School), body)).Should().Be(escalation, "the same messageId is the same escalation");

        var view = await _hub.ViewAsync(id);
        var raised = view.Escalations("request").Should().ContainSingle().Subject;
        raised["level"]!.GetValue<int>().Should().Be(1);
        raised["reason"]!.GetValue<string>().Should().Be("no-contact");
        raised["requestedBy"]!.GetValue<string>().Should().Be(School);
        raised["addressees"]!.AsArray().Select(a => a!.GetValue<string>()).Should().ContainSingle().Which.Should().StartWith("team-lead at bjz-noord-brabant");
        // BJZ hears it in its own XML, with the reason.
        (await _hub.WaitForMailAsync(Bjz, 2)).Select(m => m!["body"]!.GetValue<string>()).Should().Contain(x => x.Contains("<Reden>geen-contact</Reden>"));
    }

    [Fact]
    public async Task Level_2_and_up_need_the_chain_office_unless_the_child_is_unsafe_and_bad_requests_are_named_by_field()
    {
        var id = await _hub.DeliveredAsync();

        (await EscalateAsync(_hub.As(School), Request(id, "no-result", 2))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await EscalatedAsync(_hub.As(School), Request(id, "unsafe", 3))).Should().NotBeEmpty("an unsafe situation may go to the top at once");
        (await EscalatedAsync(_hub.Operator, Request(id, "disagreement", 2))).Should().NotBeEmpty("the chain office escalates at any level");
        (await EscalateAsync(_hub.As("cjg-tilburg"), Request(id, "no-contact", 1))).StatusCode.Should().Be(HttpStatusCode.NotFound, "a stranger learns nothing");

        var bad = await EscalateAsync(_hub.As(School), new JsonObject { ["handoverId"] = id.ToString(), ["reason"] = "bored", ["level"] = 7 });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.ReadJsonAsync())["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).Should().BeEquivalentTo(["/messageId", "/reason", "/level"]);
        (await bad.Content.ReadAsStringAsync()).Should().NotContain("bored", "an error names the field, never the value");
    }

    [Fact]
    public async Task An_addressee_that_does_not_acknowledge_in_time_is_sent_the_notice_again_and_the_chain_office_sees_it()
    {
        var id = await _hub.DeliveredAsync();
        var escalation = await EscalatedAsync(_hub.Operator, Request(id, "agreements-not-kept", 2));
        var view = await _hub.ViewAsync(id);
        var acks = view.Deadlines("acknowledgement").ToList();
        acks.Select(d => d["ref"]!.GetValue<string>()).Should().BeEquivalentTo([$"{escalation}/{Bjz}", $"{escalation}/gemeente-tilburg"]);
        DateTimeOffset.Parse(acks[0]["dueAt"]!.GetValue<string>()).Should().Be(new DateTimeOffset(2027, 2, 2, 10, 0, 0, TimeSpan.FromHours(1)), "one working day at level 2");

        (await _hub.As(Bjz).PostAsync($"/api/handovers/{id}/escalations/{escalation}/acknowledgement", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _hub.As("jgz-tilburg").PostAsync($"/api/handovers/{id}/escalations/{escalation}/acknowledgement", null)).StatusCode
            .Should().Be(HttpStatusCode.NotFound, "an agency the escalation does not address cannot see it");
        await _hub.AdvanceAsync("P1DT1H");

        view = await _hub.ViewAsync(id);
        view.Deadlines("acknowledgement").Single(d => d["ref"]!.GetValue<string>().EndsWith(Bjz))["metAt"].Should().NotBeNull();
        view.Deadlines("acknowledgement").Single(d => d["ref"]!.GetValue<string>().EndsWith("gemeente-tilburg"))["missedAt"].Should().NotBeNull();
        view["history"]!.AsArray().Should().Contain(h => h!["event"]!.GetValue<string>() == "acknowledgement-overdue" && h["by"]!.GetValue<string>() == "gemeente-tilburg");
        var gemeente = await _hub.WaitForMailAsync("gemeente-tilburg", 2);
        JsonNode.Parse(gemeente[1]!["body"]!.GetValue<string>())!["escalation"]!["renotice"]!.GetValue<bool>().Should().BeTrue();
        (await _hub.As(Bjz).MailAsync(Bjz)).Count(m => m!["kind"]!.GetValue<string>() == "escalation-raised").Should().Be(1, "BJZ acknowledged in time");
    }

    [Fact]
    public async Task A_binding_decision_is_taken_at_the_binding_level_and_each_bound_party_s_compliance_is_watched()
    {
        var id = await _hub.DeliveredAsync();
        var low = await EscalatedAsync(_hub.Operator, Request(id, "no-result", 2));
        var decision = new JsonObject
        {
            ["decidedBy"] = "Wethouder jeugd", ["reference"] = "https://besluiten.tilburg.example/2027/0042",
            ["boundParties"] = new JsonArray(new JsonObject { ["agencyId"] = Bjz, ["complyBy"] = "2027-02-05" }),
        };
        (await _hub.Operator.PostAsync($"/api/handovers/{id}/escalations/{low}/decision", Messages.Json(decision))).StatusCode
            .Should().Be(HttpStatusCode.Conflict, "binding decisions are taken at the top of the ladder (level 3)");

        var top = await EscalatedAsync(_hub.Operator, Request(id, "unsafe", 3));
        (await _hub.As("cjg-tilburg").PostAsync($"/api/handovers/{id}/escalations/{top}/decision", Messages.Json(decision))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _hub.Operator.PostAsync($"/api/handovers/{id}/escalations/{top}/decision", Messages.Json(decision))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var view = await _hub.ViewAsync(id);
        var recorded = view.Escalations("request").Single(e => e["escalationId"]!.GetValue<string>() == top.ToString())["decision"]!;
        recorded["decidedBy"]!.GetValue<string>().Should().Be("Wethouder jeugd");
        recorded["boundParties"]![0]!["complyBy"]!.GetValue<string>().Should().Be("2027-02-05");
        DateTimeOffset.Parse(view.Deadlines("compliance").Single()["dueAt"]!.GetValue<string>())
            .Should().Be(new DateTimeOffset(2027, 2, 5, 9, 0, 0, TimeSpan.FromHours(1)), "a date falls due at the office's opening");
        var told = (await _hub.WaitForMailAsync(Bjz, 3)).Select(m => m!["body"]!.GetValue<string>()).ToList();
        told.Should().Contain(x => x.Contains("<Melding") && x.Contains("<Soort>besluit</Soort>"));

        // Not complied with by then: BJZ is told again and the record says so; complying later meets it.
        await _hub.AdvanceToAsync(new DateTimeOffset(2027, 2, 5, 12, 0, 0, TimeSpan.FromHours(1)));
        view = await _hub.ViewAsync(id);
        view.Deadlines("compliance").Single()["missedAt"].Should().NotBeNull();
        view["history"]!.AsArray().Should().Contain(h => h!["event"]!.GetValue<string>() == "compliance-overdue");
        (await _hub.WaitForMailAsync(Bjz, 4)).Select(m => m!["body"]!.GetValue<string>()).Should().Contain(x => x.Contains("<Soort>besluit-niet-nagekomen</Soort>"));
        (await _hub.As(Bjz).PostAsync($"/api/handovers/{id}/escalations/{top}/compliance", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _hub.ViewAsync(id)).Deadlines("compliance").Single()["metAt"].Should().NotBeNull();
    }

    [Fact]
    public async Task The_one_who_asked_or_the_chain_office_settles_an_escalation_on_request_and_everyone_told_hears_it()
    {
        var id = await _hub.DeliveredAsync();
        var escalation = await EscalatedAsync(_hub.As(School), Request(id, "no-contact", 1));

        (await _hub.As(Bjz).PostAsync($"/api/handovers/{id}/escalations/{escalation}/settlement", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _hub.As(School).PostAsync($"/api/handovers/{id}/escalations/{escalation}/settlement", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _hub.As(School).PostAsync($"/api/handovers/{id}/escalations/{escalation}/settlement", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);

        (await _hub.ViewAsync(id)).Escalations("request").Single()["resolvedAt"].Should().NotBeNull();
        (await _hub.WaitForMailAsync(Bjz, 3)).Select(m => m!["body"]!.GetValue<string>()).Should().Contain(x => x.Contains("<Status>opgelost</Status>"));
    }
}
