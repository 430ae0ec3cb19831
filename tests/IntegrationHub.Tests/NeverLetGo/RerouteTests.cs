using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.NeverLetGo;

/// <summary>
/// "Never let go before another professional has explicitly taken over" (seed 000:623-625): after a rejection the
/// sender still holds the case and is watched until it re-routes the child, keeps care, or closes (BRIEF §9, scenario 3).
/// </summary>
public class RerouteTests : IAsyncLifetime
{
    TestHub _hub = null!;

    /// <summary>Monday 1 February 2027, 10:00 in Amsterdam.</summary>
    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(AgencySamples.Now));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    async Task<Guid> RejectedByBjzAsync()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        await _hub.WaitForStateAsync(id, "delivered");
        var rejection = Messages.Feedback("rejection", "bjz-noord-brabant", reason: "Lichte ondersteuning via het CJG volstaat");
        rejection["suggestedAgencyId"] = "cjg-tilburg";
        (await _hub.FeedbackAsync(id, rejection)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await _hub.WaitForStateAsync(id, "rejected");
        return id;
    }

    [Fact]
    public async Task Scenario_3_the_school_is_told_at_once_watched_and_meets_the_deadline_with_a_handover_to_the_cjg()
    {
        var rejected = await RejectedByBjzAsync();

        // Told at once: the school's own CSV names the re-route date and the suggested agency.
        var told = (await _hub.WaitForMailAsync("school-de-regenboog", 1)).Single()!;
        var csv = told["body"]!.GetValue<string>();
        csv.Should().Contain("cjg-tilburg").And.Contain("08-02-2027", "five working days after Monday 1 February 10:00 is Monday 8 February");
        var reroute = await DeadlineAsync(rejected, "reroute");
        reroute["metAt"].Should().BeNull();

        var next = Messages.Handover(receiver: "cjg-tilburg");
        next["predecessorHandoverId"] = rejected.ToString();
        var successor = await _hub.SubmitAsync(next);

        var view = await _hub.WaitForViewAsync(rejected, v => v["successorHandoverId"]?.GetValue<string>() == successor.ToString());
        (await DeadlineAsync(rejected, "reroute"))["metAt"].Should().NotBeNull();
        view["history"]!.AsArray().Should().Contain(h => h!["event"]!.GetValue<string>() == "rerouted");
        (await _hub.WaitForStateAsync(successor, "delivered"))["predecessorHandoverId"]!.GetValue<string>().Should().Be(rejected.ToString());
    }

    [Fact]
    public async Task A_school_that_does_nothing_for_five_working_days_is_escalated_on_its_own_side()
    {
        var rejected = await RejectedByBjzAsync();

        await AdvanceAsync("P7DT1H");

        var view = await _hub.WaitForViewAsync(rejected, v => v["escalations"]!.AsArray().Count > 0);
        var escalation = view["escalations"]![0]!;
        escalation["deadlineKind"]!.GetValue<string>().Should().Be("reroute");
        escalation["addressees"]!.AsArray().Select(a => a!.GetValue<string>()).Should().ContainSingle()
            .Which.Should().StartWith("team-lead at school-de-regenboog", "the sender owes the re-route");
    }

    [Fact]
    public async Task Keeping_care_or_closing_with_a_reason_meets_the_deadline_once()
    {
        var kept = await RejectedByBjzAsync();
        (await _hub.FeedbackAsync(kept, Messages.Feedback("retained", "school-de-regenboog"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await DeadlineAsync(kept, "reroute"))["metAt"].Should().NotBeNull();
        (await _hub.FeedbackAsync(kept, Messages.Feedback("retained", "school-de-regenboog"))).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await _hub.FeedbackAsync(kept, Messages.Feedback("retained", "bjz-noord-brabant"))).StatusCode.Should().Be(HttpStatusCode.Forbidden,
            "the sender keeps care, not the receiver");

        var closed = await RejectedByBjzAsync();
        var noReason = Messages.Feedback("closed", "school-de-regenboog");
        var refused = await _hub.FeedbackAsync(closed, noReason);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.ReadJsonAsync())["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).Should().Contain("/reasonCode");
        var movedAway = Messages.Feedback("closed", "school-de-regenboog");
        movedAway["reasonCode"] = "moved-away";
        (await _hub.FeedbackAsync(closed, movedAway)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await DeadlineAsync(closed, "reroute"))["metAt"].Should().NotBeNull();
    }

    [Fact]
    public async Task A_withdrawal_because_no_care_is_needed_owes_no_re_route()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        var withdrawal = Messages.Feedback("withdrawal", "school-de-regenboog", reason: "Zorgen zijn weggenomen");
        withdrawal["reasonCode"] = "no-care-needed";
        (await _hub.FeedbackAsync(id, withdrawal)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var view = await _hub.WaitForStateAsync(id, "withdrawn");
        view["deadlines"]!.AsArray().Should().NotContain(d => d!["kind"]!.GetValue<string>() == "reroute");
    }

    [Fact]
    public async Task Only_the_sender_s_own_handover_can_be_named_as_predecessor()
    {
        var rejected = await RejectedByBjzAsync();
        var foreign = Messages.Handover(sender: "jgz-tilburg", receiver: "cjg-tilburg");
        foreign["predecessorHandoverId"] = rejected.ToString();

        var response = await _hub.PostHandoverAsync(foreign);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync())["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).Should().Equal("/predecessorHandoverId");
    }

    async Task<JsonNode> DeadlineAsync(Guid id, string kind) =>
        (await _hub.WaitForViewAsync(id, _ => true))["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == kind)!;

    async Task AdvanceAsync(string duration) =>
        (await _hub.Operator.PostAsync("/api/admin/clock", Messages.Json(new JsonObject { ["advance"] = duration }))).EnsureSuccessStatusCode();
}
