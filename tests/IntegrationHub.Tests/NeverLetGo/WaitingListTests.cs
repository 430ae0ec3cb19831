using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.NeverLetGo;

/// <summary>
/// The waiting list (issue 13 §2): feedback accepted-waiting {expectedStart, reason} implies receipt, stops the
/// care-started ladder at level 1 (the receiver cannot make capacity appear) and opens a waiting deadline at the expected
/// start (office opening, 09:00 Amsterdam); lack of capacity is visible per receiver to the chain office.
/// </summary>
public class WaitingListTests : IAsyncLifetime
{
    const string Bjz = "bjz-noord-brabant";
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(AgencySamples.Now));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    static Action<JsonObject> ExpectedStart(string date) => f => f["expectedStart"] = date;

    [Fact]
    public async Task Accepted_waiting_implies_receipt_and_watches_the_expected_start_at_office_opening()
    {
        var id = await _hub.DeliveredAsync();

        await _hub.GivenAsync(id, "accepted-waiting", Bjz, ExpectedStart("2027-03-01"));

        var view = await _hub.WaitForStateAsync(id, "receipt-confirmed");
        view["expectedStart"]!.GetValue<string>().Should().Be("2027-03-01");
        view.Deadlines("receipt").Single()["metAt"].Should().NotBeNull("acceptance onto the waiting list counts as receipt");
        DateTimeOffset.Parse(view.Deadlines("waiting").Single()["dueAt"]!.GetValue<string>())
            .Should().Be(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.FromHours(1)), "Monday 1 March at the office's opening, Amsterdam time");
        view["history"]!.AsArray().Should().Contain(h => h!["event"]!.GetValue<string>() == "accepted-waiting");
        // The sender hears it in its own format.
        (await _hub.WaitForMailAsync("school-de-regenboog", 1)).Single()!["body"]!.GetValue<string>().Should().Contain(";Wachtlijst;").And.Contain("01-03-2027");
    }

    [Fact]
    public async Task On_the_waiting_list_a_late_start_of_care_stays_at_level_1_but_a_missed_expected_start_climbs()
    {
        var id = await _hub.DeliveredAsync();
        await _hub.GivenAsync(id, "receipt", Bjz);
        await _hub.GivenAsync(id, "accepted-waiting", Bjz, ExpectedStart("2027-03-15"));

        // Care started is due 10 working days after receipt (Monday 15 February); weeks later there is still only level 1.
        await _hub.AdvanceToAsync(new DateTimeOffset(2027, 3, 12, 12, 0, 0, TimeSpan.FromHours(1)));
        var view = await _hub.ViewAsync(id);
        view.Escalations("care-started").Select(e => e["level"]!.GetValue<int>()).Should().Equal([1], "the receiver cannot make capacity appear");

        // The expected start passes: that climbs the ladder like any deadline (level 2 two working days later).
        await _hub.AdvanceToAsync(new DateTimeOffset(2027, 3, 17, 12, 0, 0, TimeSpan.FromHours(1)));
        view = await _hub.ViewAsync(id);
        view.Escalations("waiting").Select(e => e["level"]!.GetValue<int>()).Should().Equal(1, 2);

        // Care starts: the waiting deadline is met (late) and the escalations are resolved.
        await _hub.GivenAsync(id, "care-started", Bjz);
        view = await _hub.WaitForStateAsync(id, "care-started");
        view.Deadlines("waiting").Single()["metAt"].Should().NotBeNull();
        view["escalations"]!.AsArray().Should().AllSatisfy(e => e!["resolvedAt"].Should().NotBeNull());
    }

    [Fact]
    public async Task The_chain_office_sees_lack_of_capacity_per_receiver_and_who_waits_there()
    {
        var waiting = await _hub.DeliveredAsync();
        var late = await _hub.DeliveredAsync();
        var started = await _hub.DeliveredAsync();
        var elsewhere = await _hub.DeliveredAsync(Messages.Handover(receiver: "cjg-tilburg"));
        await _hub.GivenAsync(waiting, "accepted-waiting", Bjz, ExpectedStart("2027-04-01"));
        await _hub.GivenAsync(late, "accepted-waiting", Bjz, ExpectedStart("2027-02-08"));
        await _hub.GivenAsync(started, "accepted-waiting", Bjz, ExpectedStart("2027-02-03"));
        await _hub.GivenAsync(elsewhere, "receipt", "cjg-tilburg");
        // The school escalates a lack of capacity at BJZ (on request, level 1).
        (await _hub.As("school-de-regenboog").PostAsync("/api/escalations", Messages.Json(new JsonObject
        {
            ["handoverId"] = waiting.ToString(), ["messageId"] = Guid.NewGuid().ToString(), ["reason"] = "no-capacity", ["level"] = 1,
        }))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        await _hub.AdvanceToAsync(new DateTimeOffset(2027, 2, 10, 12, 0, 0, TimeSpan.FromHours(1)));
        await _hub.GivenAsync(started, "care-started", Bjz);
        await _hub.SettleAsync();

        var lists = await (await _hub.Operator.GetAsync("/api/operator/waiting-lists")).ReadJsonAsync();
        var bjz = lists["receivers"]!.AsArray().Should().ContainSingle("only BJZ has a waiting list").Subject!;
        bjz["receiver"]!.GetValue<string>().Should().Be(Bjz);
        bjz["waitingNow"]!.GetValue<long>().Should().Be(2);
        bjz["pastExpectedStart"]!.GetValue<long>().Should().Be(1);
        bjz["everWaited"]!.GetValue<long>().Should().Be(3);
        bjz["noCapacityEscalationsOpen"]!.GetValue<long>().Should().Be(1);
        bjz["medianWaitWorkingDays"]!.GetValue<double>().Should().BeApproximately(7.1, 0.2, "accepted Monday 1 Feb 10:00, care started Wednesday 10 Feb 12:00");

        var at = await (await _hub.Operator.GetAsync($"/api/operator/waiting-lists/{Bjz}")).ReadJsonAsync();
        at["waiting"]!.AsArray().Select(w => (w!["handoverId"]!.GetValue<string>(), w["pastExpectedStart"]!.GetValue<bool>()))
            .Should().BeEquivalentTo([(waiting.ToString(), false), (late.ToString(), true)]);

        (await _hub.As(Bjz).GetAsync("/api/operator/waiting-lists")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the chain office's view, not an agency's");
        (await _hub.Operator.GetAsync("/api/operator/waiting-lists/bjz-atlantis")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
