using System.Net;
using System.Text;
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

    [Fact]
    public async Task Scenario_3_in_each_agency_s_own_format_with_the_lead_time_counted_from_the_first_handover()
    {
        // The school refers Kevin to BJZ in its CSV; BJZ rejects in its XML and suggests the CJG.
        var rejected = await _hub.PostAcceptedAsync("school", AgencySamples.SchoolKevinZat(), "text/csv");
        await _hub.WaitForStateAsync(rejected, "delivered");
        (await _hub.PostAdapterAsync("bjz", AgencySamples.BjzFeedback("terugkoppeling-afwijzing.xml", rejected), "application/xml"))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        await _hub.WaitForStateAsync(rejected, "rejected");

        // The school is told at once, in its own CSV: why, where to go instead, and by when it must re-route.
        var told = (await _hub.WaitForMailAsync("school-de-regenboog", 1)).Single()!["body"]!.GetValue<string>();
        told.Should().Contain(";Afgewezen;").And.Contain(";cjg-tilburg;").And.Contain(";08-02-2027 10:00;");
        (await _hub.WaitForRetoursAsync("school-de-regenboog", 1)).Single()!["body"]!.GetValue<string>()
            .Should().Contain(";ZAT-2026-0147;").And.Contain(rejected.ToString(), "the school learns its handover's number from the retour");
        (await _hub.WaitForRetoursAsync("bjz-noord-brabant", 1)).Single()!["body"]!.GetValue<string>().Should().Contain("<Status>aangenomen</Status>");

        // A day later the school re-routes to the CJG in its own CSV, naming the handover BJZ rejected.
        await AdvanceAsync("PT26H");
        var csv = Encoding.UTF8.GetString(AgencySamples.SchoolKevinZat()).TrimEnd('\r', '\n');
        var header = csv.IndexOf("\r\n", StringComparison.Ordinal);
        csv = csv[..header] + ";Vorige overdracht" + csv[header..].Replace("ZAT-2026-0147", "ZAT-2026-0151")
            .Replace(";school-de-regenboog;bjz-noord-brabant;", ";school-de-regenboog;cjg-tilburg;") + $";{rejected}\r\n";
        var successor = await _hub.PostAcceptedAsync("school", Encoding.UTF8.GetBytes(csv), "text/csv");

        var view = await _hub.WaitForViewAsync(rejected, v => v["successorHandoverId"]?.GetValue<string>() == successor.ToString());
        (await DeadlineAsync(rejected, "reroute"))["metAt"].Should().NotBeNull("met by the new handover, well within five working days");
        view["escalations"]!.AsArray().Should().BeEmpty();
        (await _hub.WaitForStateAsync(successor, "delivered"))["predecessorHandoverId"]!.GetValue<string>().Should().Be(rejected.ToString());

        // The CJG takes the child over the next day: the child's wait counts from the first handover, across the re-route.
        await AdvanceAsync("P1D");
        (await _hub.FeedbackAsync(successor, Messages.Feedback("care-started", "cjg-tilburg"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await _hub.WaitForStateAsync(successor, "care-started");
        var report = await (await _hub.Operator.GetAsync("/api/operator/lead-times")).ReadJsonAsync();
        var pair = report["items"]!.AsArray().Single(r => r!["receiver"]!.GetValue<string>() == "cjg-tilburg")!;
        pair["chainToCareStarted"]!["count"]!.GetValue<long>().Should().Be(1);
        pair["chainToCareStarted"]!["medianHours"]!.GetValue<double>().Should().BeApproximately(50, 1, "Monday 10:00, first handover, to Wednesday 12:00, care started");
        pair["receiptToCareStarted"]!["medianHours"]!.GetValue<double>().Should().BeLessThan(25, "the second handover alone looks quick");
        report["items"]!.AsArray().Single(r => r!["receiver"]!.GetValue<string>() == "bjz-noord-brabant")!["rerouted"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task A_withdrawal_for_another_reason_is_watched_like_a_rejection()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        var withdrawal = Messages.Feedback("withdrawal", "school-de-regenboog", reason: "Ouders willen eerst met de huisarts praten");
        withdrawal["reasonCode"] = "other";
        (await _hub.FeedbackAsync(id, withdrawal)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        await _hub.WaitForStateAsync(id, "withdrawn");
        DateTimeOffset.Parse((await DeadlineAsync(id, "reroute"))["dueAt"]!.GetValue<string>())
            .Should().Be(new DateTimeOffset(2027, 2, 8, 10, 0, 0, TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData("urgent", "2027-02-02T10:00:00+01:00")]
    [InlineData("crisis", "2027-02-01T14:00:00+01:00")]
    public async Task The_re_route_term_follows_urgency(string urgency, string due)
    {
        var id = await _hub.SubmitAsync(Messages.Handover(urgency: urgency));
        await _hub.WaitForStateAsync(id, "delivered");
        (await _hub.FeedbackAsync(id, Messages.Feedback("rejection", "bjz-noord-brabant", reason: "Niet onze doelgroep"))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        DateTimeOffset.Parse((await _hub.WaitForViewAsync(id, v => v["state"]!.GetValue<string>() == "rejected"))["deadlines"]!.AsArray()
            .Single(d => d!["kind"]!.GetValue<string>() == "reroute")!["dueAt"]!.GetValue<string>()).Should().Be(DateTimeOffset.Parse(due));
    }

    async Task<JsonNode> DeadlineAsync(Guid id, string kind) =>
        (await _hub.WaitForViewAsync(id, _ => true))["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == kind)!;

    async Task AdvanceAsync(string duration) =>
        (await _hub.Operator.PostAsync("/api/admin/clock", Messages.Json(new JsonObject { ["advance"] = duration }))).EnsureSuccessStatusCode();
}
