using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.NeverLetGo;

/// <summary>
/// Aftercare and transitions (issue 13 §7): the aftercare plan is due six months before the planned end of care at
/// 09:00 Amsterdam on a working day and is met by feedback aftercare-plan; at 17 years 6 months with care open the
/// parties (and the chain office) are told a transition plan 18-/18+ is needed; deadlines on a day off or on a date fall
/// due at the region's office opening (configurable), not at midnight.
/// </summary>
public class AftercareAndTransitionTests : IAsyncLifetime
{
    const string Bjz = "bjz-noord-brabant";
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(AgencySamples.Now));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task The_aftercare_plan_is_due_at_office_opening_on_a_working_day_and_met_by_its_feedback()
    {
        var id = await _hub.DeliveredAsync();
        (await _hub.GiveAsync(id, "aftercare-plan", Bjz)).StatusCode.Should().Be(HttpStatusCode.Conflict, "only once care has started");

        // Six months before Saturday 14 August is Sunday 14 February: due Monday 15 February, 09:00 in Amsterdam.
        await _hub.GivenAsync(id, "care-started", Bjz, f => f["plannedEndDate"] = "2027-08-14");
        var view = await _hub.WaitForStateAsync(id, "care-started");
        DateTimeOffset.Parse(view.Deadlines("aftercare-plan").Single()["dueAt"]!.GetValue<string>())
            .Should().Be(new DateTimeOffset(2027, 2, 15, 9, 0, 0, TimeSpan.FromHours(1)));

        await _hub.GivenAsync(id, "aftercare-plan", Bjz, f => f["note"] = "Nazorgplan besproken.");
        view = await _hub.ViewAsync(id);
        var deadline = view.Deadlines("aftercare-plan").Single();
        deadline["metAt"].Should().NotBeNull();
        deadline["missedAt"].Should().BeNull();
        view["state"]!.GetValue<string>().Should().Be("care-started", "care goes on; the plan is for its end");
        (await _hub.WaitForMailAsync("school-de-regenboog", 2)).Select(m => m!["body"]!.GetValue<string>())
            .Should().Contain(x => x.Contains(";Nazorgplan gemaakt;"));
    }

    [Fact]
    public async Task At_17_years_6_months_with_care_open_both_parties_are_told_a_transition_plan_is_needed()
    {
        var handover = Messages.Handover();
        handover["subject"]!["birthDate"] = "2009-09-15";
        handover["legalBasis"]!["consentGivenBy"] = new JsonArray("youth");
        var id = await _hub.DeliveredAsync(handover);
        await _hub.GivenAsync(id, "care-started", Bjz);
        var view = await _hub.WaitForStateAsync(id, "care-started");
        DateTimeOffset.Parse(view.Deadlines("transition").Single()["dueAt"]!.GetValue<string>())
            .Should().Be(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.FromHours(1)), "the month the child turns 17½, at the office's opening");
        view.ToJsonString().Should().NotContain("2009-09-15", "the hub keeps the month, never the birth date");

        await _hub.AdvanceToAsync(new DateTimeOffset(2027, 3, 1, 10, 0, 0, TimeSpan.FromHours(1)));

        view = await _hub.ViewAsync(id);
        view["history"]!.AsArray().Should().Contain(h => h!["event"]!.GetValue<string>() == "transition-plan-needed");
        view.Deadlines("transition").Single()["missedAt"].Should().BeNull("a notice, not a deadline anyone misses");
        (await _hub.WaitForMailAsync(Bjz, 2)).Select(m => m!["body"]!.GetValue<string>()).Should().Contain(x => x.Contains("<Soort>overgangsplan-nodig</Soort>"));
        (await _hub.WaitForMailAsync("school-de-regenboog", 2)).Select(m => m!["body"]!.GetValue<string>()).Should().Contain(x => x.Contains(";Overgangsplan nodig;"));
    }

    [Fact]
    public async Task No_transition_notice_when_care_ends_before_the_child_turns_17_and_a_half()
    {
        var handover = Messages.Handover();
        handover["subject"]!["birthDate"] = "2009-09-15";
        handover["legalBasis"]!["consentGivenBy"] = new JsonArray("youth");
        var id = await _hub.DeliveredAsync(handover);
        await _hub.GivenAsync(id, "care-started", Bjz, f => f["plannedEndDate"] = "2027-02-20");

        (await _hub.WaitForStateAsync(id, "care-started")).Deadlines("transition").Should().BeEmpty();
    }
}

/// <summary>The region's office opening is configuration: a covenants file that opens at 08:30 moves every due time counted from a day off.</summary>
public class OfficeOpeningTests : IAsyncLifetime
{
    TestHub _hub = null!;
    string _covenants = null!;

    /// <summary>Saturday 6 February 2027, noon in Amsterdam.</summary>
    static readonly DateTimeOffset Saturday = new(2027, 2, 6, 11, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        var covenants = JsonNode.Parse(File.ReadAllText(RepoFiles.Path("src", "Hub", "Covenants", "demo-covenants.json")))!;
        covenants["region"]!["calendar"]!["officeOpens"] = "08:30";
        _covenants = Path.Combine(Path.GetTempPath(), $"covenants-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(_covenants, covenants.ToJsonString());
        var settings = TestHub.Simulated(Saturday);
        settings["Hub:Covenants:Path"] = _covenants;
        _hub = await TestHub.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        File.Delete(_covenants);
    }

    [Fact]
    public async Task A_handover_delivered_on_saturday_counts_from_monday_s_office_opening()
    {
        var id = await _hub.DeliveredAsync();

        var receipt = (await _hub.ViewAsync(id)).Deadlines("receipt").Single();
        DateTimeOffset.Parse(receipt["dueAt"]!.GetValue<string>())
            .Should().Be(new DateTimeOffset(2027, 2, 10, 8, 30, 0, TimeSpan.FromHours(1)), "two working days from Monday 08:30 is Wednesday 08:30, not midnight");
    }
}
