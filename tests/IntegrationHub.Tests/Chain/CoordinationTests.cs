using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Support;
using static IntegrationHub.Tests.Chain.ChainKit;

namespace IntegrationHub.Tests.Chain;

/// <summary>
/// Who coordinates (CHAIN.md §2): the region's decision table names an agency when a match or three active signals
/// concern a family; it accepts within 2 working days, or the next rule applies and the chain office hears.
/// Eindhoven's table (seed 001:3326-3346) in the Tilburg region, Almere's care pyramid (seed 001:3411-3462) in Almere.
/// </summary>
public class CoordinationTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(Monday));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    async Task<JsonObject> CoordinationAsync(string familyId) => (await _hub.FamilyAsync(familyId, "coordination"))["coordination"]!.AsObject();

    static JsonObject Accept(string name = "N. Claassen") => new() { ["decision"] = "accept", ["professional"] = new JsonObject { ["name"] = name, ["phone"] = "013-5550999" } };

    Task<HttpResponseMessage> AnswerAsync(string agency, string familyId, JsonObject answer) =>
        _hub.As(agency).PostAsync($"/api/families/{familyId}/coordination", Messages.Json(answer));

    [Fact]
    public async Task Eindhoven_by_age_school_social_work_for_a_child_of_4_to_18()
    {
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));
        await _hub.SignalAsync(Signal("school-de-regenboog", Kevin));
        var familyId = await _hub.FamilyOfAsync("cjg-tilburg");

        var pending = (await CoordinationAsync(familyId))["pending"]!;
        pending["agencyId"]!.GetValue<string>().Should().Be("smw-tilburg");
        pending["rule"]!.GetValue<string>().Should().Be("4-to-18");
        var notice = (await _hub.WaitForMailOfKindAsync("smw-tilburg", "notice", noticeKind: "coordinator-assigned")).Single().Body();
        notice["notice"]!["facts"]!["familyId"]!.GetValue<string>().Should().Be(familyId);
        notice["notice"]!["facts"]!["acceptBy"]!.GetValue<string>().Should().StartWith("2027-02-03T10:00", "two working days from Monday 10:00");
    }

    [Fact]
    public async Task Eindhoven_infant_health_care_under_4_and_general_social_work_from_18()
    {
        await _hub.SignalAsync(Signal("cjg-tilburg", Lisa, "2024-06-01"));
        await _hub.SignalAsync(Signal("school-de-regenboog", Lisa, "2024-06-01"));
        await _hub.SignalAsync(Signal("cjg-tilburg", Tom, "2007-01-01"));
        await _hub.SignalAsync(Signal("school-vmbo-noord", Tom, "2007-01-01"));

        (await CoordinationAsync(await _hub.FamilyOfAsync("school-de-regenboog")))["pending"]!["agencyId"]!.GetValue<string>().Should().Be("jgz-tilburg");
        (await CoordinationAsync(await _hub.FamilyOfAsync("school-vmbo-noord")))["pending"]!["agencyId"]!.GetValue<string>().Should().Be("amw-tilburg");
    }

    [Fact]
    public async Task Eindhoven_BJZ_coordinates_when_involved_and_a_handover_to_it_makes_it_involved()
    {
        await _hub.SubmitAsync(Messages.Handover());   // Kevin, school to BJZ: a concern signal for the school, BJZ involved as receiver
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));

        var familyId = await _hub.FamilyOfAsync("cjg-tilburg");
        var pending = (await CoordinationAsync(familyId))["pending"]!;
        pending["agencyId"]!.GetValue<string>().Should().Be("bjz-noord-brabant");
        pending["rule"]!.GetValue<string>().Should().Be("bjz-involved");
    }

    [Fact]
    public async Task Accepted_every_party_hears_who_coordinates_and_the_plan_is_due()
    {
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));
        await _hub.SignalAsync(Signal("school-de-regenboog", Kevin));
        var familyId = await _hub.FamilyOfAsync("cjg-tilburg");

        (await AnswerAsync("school-de-regenboog", familyId, Accept())).StatusCode.Should().Be(HttpStatusCode.Forbidden, "only the agency asked answers");
        (await AnswerAsync("school-vmbo-noord", familyId, Accept())).StatusCode.Should().Be(HttpStatusCode.NotFound, "a stranger learns nothing of the family");
        (await AnswerAsync("smw-tilburg", familyId, new JsonObject { ["decision"] = "accept" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await AnswerAsync("smw-tilburg", familyId, Accept())).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var told = (await _hub.WaitForMailOfKindAsync("cjg-tilburg", "notice", noticeKind: "coordinator-accepted")).Single().Body();
        told["notice"]!["facts"]!["coordinator"]!.GetValue<string>().Should().Be("smw-tilburg");
        told["notice"]!["facts"]!["contact"]!.GetValue<string>().Should().Contain("N. Claassen");
        (await _hub.WaitForMailOfKindAsync("school-de-regenboog", "notice", noticeKind: "coordinator-accepted")).Should().ContainSingle();
        var family = await _hub.FamilyAsync(familyId);
        family["coordination"]!["coordinator"]!["agencyId"]!.GetValue<string>().Should().Be("smw-tilburg");
        family["plan"]!["registered"]!.GetValue<bool>().Should().BeFalse();
        family["deadlines"]!.AsArray().Should().Contain(d => d!["kind"]!.GetValue<string>() == "plan" && d["owner"]!.GetValue<string>() == "smw-tilburg");
        // The party's own view says who coordinates, without anyone's signals.
        var party = await _hub.As("school-de-regenboog").GetFromJsonAsync<JsonObject>($"/api/families/{familyId}");
        party!["coordination"]!["coordinator"]!["agencyId"]!.GetValue<string>().Should().Be("smw-tilburg");
        party["signals"].Should().BeNull();
    }

    [Fact]
    public async Task Not_accepted_within_2_working_days_the_next_rule_applies_and_the_chain_office_hears()
    {
        await _hub.SubmitAsync(Messages.Handover());
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));
        var familyId = await _hub.FamilyOfAsync("cjg-tilburg");
        (await CoordinationAsync(familyId))["pending"]!["agencyId"]!.GetValue<string>().Should().Be("bjz-noord-brabant");

        await _hub.AdvanceToAsync(Monday.AddDays(2).AddMinutes(-1));
        (await CoordinationAsync(familyId))["pending"]!["agencyId"]!.GetValue<string>().Should().Be("bjz-noord-brabant", "not yet two working days");
        await _hub.AdvanceToAsync(Monday.AddDays(2).AddHours(1));

        var now = await _hub.EventuallyAsync(() => CoordinationAsync(familyId), c => c["pending"]?["agencyId"]?.GetValue<string>() == "smw-tilburg", "the next rule");
        now["history"]!.AsArray().Should().Contain(h => h!["agencyId"]!.GetValue<string>() == "bjz-noord-brabant" && h["status"]!.GetValue<string>() == "expired");
        var office = (await _hub.WaitForMailOfKindAsync("gemeente-tilburg", "notice", noticeKind: "coordinator-not-accepted")).Single().Body();
        office["notice"]!["facts"]!["agency"]!.GetValue<string>().Should().Be("bjz-noord-brabant");
    }

    [Fact]
    public async Task Declined_by_the_last_agency_a_rule_gives_the_family_is_without_a_coordinator_for_the_chain_office()
    {
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));
        await _hub.SignalAsync(Signal("school-de-regenboog", Kevin));
        var familyId = await _hub.FamilyOfAsync("cjg-tilburg");

        (await AnswerAsync("smw-tilburg", familyId, new JsonObject { ["decision"] = "decline", ["reason"] = "Geen capaciteit" })).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var overview = await _hub.OverviewAsync();
        overview["familiesWithoutCoordinator"]!.AsArray().Should().ContainSingle(f => f!["familyId"]!.GetValue<string>() == familyId && f["noRuleLeft"]!.GetValue<bool>());
        (await _hub.WaitForMailOfKindAsync("gemeente-tilburg", "notice", noticeKind: "no-coordinator")).Should().ContainSingle();
        (await _hub.WaitForMailOfKindAsync("gemeente-tilburg", "notice", noticeKind: "coordinator-not-accepted")).Single().Body()["notice"]!["facts"]!["reason"]!
            .GetValue<string>().Should().Be("Geen capaciteit");
    }

    [Fact]
    public async Task A_rule_earlier_in_the_table_takes_over_once_its_agency_accepts()
    {
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));
        await _hub.SignalAsync(Signal("school-de-regenboog", Kevin));
        var familyId = await _hub.FamilyOfAsync("cjg-tilburg");
        await AnswerAsync("smw-tilburg", familyId, Accept());

        await _hub.SignalAsync(Signal("bjz-noord-brabant", Kevin));
        var c = await CoordinationAsync(familyId);
        c["coordinator"]!["agencyId"]!.GetValue<string>().Should().Be("smw-tilburg", "never let go before another has taken over");
        c["pending"]!["agencyId"]!.GetValue<string>().Should().Be("bjz-noord-brabant");

        await AnswerAsync("bjz-noord-brabant", familyId, Accept("A. Jansen"));
        (await CoordinationAsync(familyId))["coordinator"]!["agencyId"]!.GetValue<string>().Should().Be("bjz-noord-brabant");
        (await _hub.WaitForMailOfKindAsync("smw-tilburg", "notice", noticeKind: "coordinator-replaced")).Should().ContainSingle();
    }

    [Fact]
    public async Task Almere_two_professionals_need_no_coordinator_three_get_JGZ_four_a_process_coordinator()
    {
        static JsonObject InAlmere(string agency, string bsn) => Signal(agency, bsn, "2015-01-01", city: "Almere");
        await _hub.SignalAsync(InAlmere("cjg-tilburg", Stranger));
        await _hub.SignalAsync(InAlmere("school-de-regenboog", Stranger));
        var familyId = await _hub.FamilyOfAsync("cjg-tilburg");
        var family = await _hub.FamilyAsync(familyId);
        family["region"]!.GetValue<string>().Should().Be("almere");
        family["coordination"]!["history"]!.AsArray().Should().BeEmpty("level 1: at most two professionals, no coordinator");
        family["needsCoordinator"]!.GetValue<bool>().Should().BeFalse();

        await _hub.SignalAsync(InAlmere("veiligheidshuis-tilburg", Stranger));
        (await CoordinationAsync(familyId))["pending"]!["agencyId"]!.GetValue<string>().Should().Be("jgz-almere", "level 2: three professionals, JGZ coordinates care");
        await AnswerAsync("jgz-almere", familyId, Accept("I. Kok"));

        await _hub.SignalAsync(InAlmere("bjz-noord-brabant", Stranger));
        var level3 = (await CoordinationAsync(familyId))["pending"]!;
        level3["agencyId"]!.GetValue<string>().Should().Be("procescoordinatie-almere");
        level3["rule"]!.GetValue<string>().Should().Be("level-3-four-or-more");
        await AnswerAsync("procescoordinatie-almere", familyId, Accept("O. Sanders"));
        // The process coordinator convenes everyone and fixes who does what within 5 working days: the plan is due then.
        var plans = (await _hub.FamilyAsync(familyId))["deadlines"]!.AsArray().Where(d => d!["kind"]!.GetValue<string>() == "plan").ToList();
        plans.Single(d => d!["owner"]!.GetValue<string>() == "jgz-almere")!["closedAt"].Should().NotBeNull("JGZ's plan is no longer awaited");
        var plan = plans.Single(d => d!["closedAt"] is null)!;
        plan["owner"]!.GetValue<string>().Should().Be("procescoordinatie-almere");
        plan["dueAt"]!.GetValue<DateTimeOffset>().Should().Be(Monday.AddDays(7), "5 working days from Monday 10:00 is the next Monday 10:00");
    }

    [Fact]
    public async Task Almere_stagnation_sends_the_focal_point_officer_who_convenes_within_48_hours()
    {
        static JsonObject InAlmere(string agency, string bsn) => Signal(agency, bsn, "2015-01-01", city: "Almere");
        await _hub.SignalAsync(InAlmere("cjg-tilburg", Stranger));
        await _hub.SignalAsync(InAlmere("school-de-regenboog", Stranger));
        var familyId = await _hub.FamilyOfAsync("cjg-tilburg");

        (await _hub.As("school-vmbo-noord").PostAsync($"/api/families/{familyId}/stagnation", Messages.Json(new JsonObject { ["reason"] = "no-contact" })))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _hub.As("cjg-tilburg").PostAsync($"/api/families/{familyId}/stagnation", Messages.Json(new JsonObject { ["reason"] = "whatever" })))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _hub.As("cjg-tilburg").PostAsync($"/api/families/{familyId}/stagnation", Messages.Json(new JsonObject { ["reason"] = "disagreement" })))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);

        (await CoordinationAsync(familyId))["pending"]!["agencyId"]!.GetValue<string>().Should().Be("brandpunt-almere");
        (await _hub.WaitForMailOfKindAsync("gemeente-almere", "notice", noticeKind: "stagnation")).Should().ContainSingle();
        await AnswerAsync("brandpunt-almere", familyId, Accept("Brandpuntfunctionaris"));
        var plan = (await _hub.FamilyAsync(familyId))["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "plan")!;
        plan["dueAt"]!.GetValue<DateTimeOffset>().Should().Be(Monday.AddHours(48));
    }

    [Fact]
    public async Task Two_coordinated_families_found_to_be_one_keep_one_coordinator()
    {
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));
        await _hub.SignalAsync(Signal("school-de-regenboog", Kevin));
        var kevins = await _hub.FamilyOfAsync("cjg-tilburg");
        await AnswerAsync("smw-tilburg", kevins, Accept());
        // Lisa's family is younger by an hour: "older" is decided by time, not by chance between ids made in one instant.
        await _hub.AdvanceToAsync(Monday.AddHours(1));
        await _hub.SignalAsync(Signal("jgz-tilburg", Lisa, "2014-02-02"));
        await _hub.SignalAsync(Signal("school-vmbo-noord", Lisa, "2014-02-02"));
        var lisas = await _hub.FamilyOfAsync("jgz-tilburg");
        await AnswerAsync("smw-tilburg", lisas, Accept());

        // Lisa's mother names Kevin as her brother: one family, the older one's coordination stands.
        await _hub.SignalAsync(Signal("amw-tilburg", Lisa, "2014-02-02", siblings: [Kevin]));

        var family = await _hub.FamilyAsync(kevins);
        family["children"]!.GetValue<int>().Should().Be(2);
        family["coordination"]!["history"]!.AsArray().Count(a => a!["status"]!.GetValue<string>() == "accepted").Should().Be(1);
        (await _hub.Operator.GetAsync($"/api/operator/families/{lisas}?purpose=audit")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the younger family was joined into the older");
        (await _hub.As("school-vmbo-noord").GetAsync($"/api/families/{kevins}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
