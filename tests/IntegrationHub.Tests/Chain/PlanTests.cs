using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Support;
using static IntegrationHub.Tests.Chain.ChainKit;

namespace IntegrationHub.Tests.Chain;

/// <summary>
/// One family, one plan (CHAIN.md §2): the coordinator registers goals, actions {party, title, due} and the family's
/// contact person, the narrative by URI and hash; each action is a watched deadline on the ladder addressed to the
/// party that owes it; the plan is reviewed every 6 weeks (region default).
/// </summary>
public class PlanTests : IAsyncLifetime
{
    TestHub _hub = null!;
    string _family = "";

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(TestHub.Simulated(Monday));
        await _hub.SignalAsync(Signal("cjg-tilburg", Kevin));
        await _hub.SignalAsync(Signal("school-de-regenboog", Kevin));
        _family = await _hub.FamilyOfAsync("cjg-tilburg");
        (await _hub.As("smw-tilburg").PostAsync($"/api/families/{_family}/coordination",
            Messages.Json(new JsonObject { ["decision"] = "accept", ["professional"] = new JsonObject { ["name"] = "N. Claassen" } }))).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    static JsonObject Plan(params (string Party, string Title, string Due, string? Id)[] actions) => new()
    {
        ["messageId"] = Guid.NewGuid().ToString(),
        ["goals"] = new JsonArray(new JsonObject { ["title"] = "Kevin gaat weer met plezier naar school" }, new JsonObject { ["title"] = "Rust thuis" }),
        ["actions"] = new JsonArray(actions.Select(a =>
        {
            var action = new JsonObject { ["party"] = a.Party, ["title"] = a.Title, ["due"] = a.Due };
            if (a.Id is not null)
                action["id"] = a.Id;
            return (JsonNode)action;
        }).ToArray()),
        ["contactPerson"] = new JsonObject { ["agencyId"] = "smw-tilburg", ["name"] = "N. Claassen", ["phone"] = "013-5550999" },
        ["narrative"] = new JsonObject { ["uri"] = "https://smw-tilburg.example/plannen/4711", ["sha256"] = new string('a', 64) },
    };

    Task<HttpResponseMessage> RegisterAsync(string agency, JsonObject plan) => _hub.As(agency).PostAsync($"/api/families/{_family}/plan", Messages.Json(plan));

    [Fact]
    public async Task The_coordinator_registers_the_plan_every_party_hears_it_and_each_owes_its_actions()
    {
        var response = await RegisterAsync("smw-tilburg", Plan(("school-de-regenboog", "Gesprek met moeder", "2027-02-12", null), ("cjg-tilburg", "Opvoedondersteuning starten", "2027-02-19", null)));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var school = (await _hub.WaitForMailOfKindAsync("school-de-regenboog", "notice", noticeKind: "plan-action")).Single()["body"]!.GetValue<string>();
        school.Should().Contain("Gesprek met moeder").And.Contain("2027-02-12");
        (await _hub.WaitForMailOfKindAsync("cjg-tilburg", "notice", noticeKind: "plan-registered")).Should().ContainSingle();
        var view = await _hub.As("cjg-tilburg").GetFromJsonAsync<JsonObject>($"/api/families/{_family}");
        var plan = view!["plan"]!;
        plan["goals"]!.AsArray().Should().HaveCount(2);
        plan["contactPerson"]!["name"]!.GetValue<string>().Should().Be("N. Claassen");
        plan["narrative"]!["uri"]!.GetValue<string>().Should().Be("https://smw-tilburg.example/plannen/4711");
        plan["reviewBy"]!.GetValue<DateTimeOffset>().Should().Be(Monday.AddDays(42), "every 6 weeks (30 working days, no holiday in between)");
        plan["actions"]!.AsArray().Select(a => a!["party"]!.GetValue<string>()).Should().BeEquivalentTo("school-de-regenboog", "cjg-tilburg");
        var family = await _hub.FamilyAsync(_family);
        family["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "plan")!["metAt"].Should().NotBeNull();
    }

    [Fact]
    public async Task Only_the_coordinator_registers_and_a_bad_plan_is_refused_by_path()
    {
        (await RegisterAsync("cjg-tilburg", Plan(("cjg-tilburg", "x", "2027-02-12", null)))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await RegisterAsync("school-vmbo-noord", Plan(("cjg-tilburg", "x", "2027-02-12", null)))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var bad = Plan(("nobody-here", "", "2026-01-01", null));
        bad["narrative"] = new JsonObject { ["uri"] = "http://insecure.example/plan", ["sha256"] = "xyz" };
        var refused = await RegisterAsync("smw-tilburg", bad);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.ReadJsonAsync())["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).Should()
            .BeEquivalentTo("/actions/0/party", "/actions/0/title", "/actions/0/due", "/narrative/uri", "/narrative/sha256");
        var narrativeInline = Plan(("cjg-tilburg", "x", "2027-02-12", null));
        narrativeInline["narrative"]!["text"] = "Het hele verhaal";
        (await RegisterAsync("smw-tilburg", narrativeInline)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the narrative stays in the coordinator's own system");
    }

    [Fact]
    public async Task A_late_action_climbs_the_ladder_addressed_to_the_party_that_owes_it_and_done_resolves_it()
    {
        var answer = await (await RegisterAsync("smw-tilburg", Plan(("school-de-regenboog", "Gesprek met moeder", "2027-02-03", null)))).ReadJsonAsync();
        var actionId = answer["actions"]![0]!.GetValue<string>();

        await _hub.AdvanceToAsync(new DateTimeOffset(2027, 2, 3, 8, 1, 0, TimeSpan.Zero)); // 09:01 Amsterdam: the office opened, the action is due
        var level1 = (await _hub.WaitForMailOfKindAsync("school-de-regenboog", "notice", noticeKind: "chain-escalation")).Single()["body"]!.GetValue<string>();
        level1.Should().Contain("team-lead at school-de-regenboog").And.Contain("Gesprek met moeder");
        (await _hub.OverviewAsync())["actionsOverdueByParty"]!.AsArray().Should().ContainSingle(p => p!["party"]!.GetValue<string>() == "school-de-regenboog");

        // Level 2 two working days later: the school's manager and the municipality's process manager; the chain office hears.
        await _hub.AdvanceToAsync(new DateTimeOffset(2027, 2, 5, 8, 1, 0, TimeSpan.Zero));
        var level2 = (await _hub.WaitForMailOfKindAsync("gemeente-tilburg", "notice", noticeKind: "chain-escalation")).Single().Body()["notice"]!["facts"]!;
        level2["level"]!.GetValue<string>().Should().Be("2");
        level2["addressees"]!.GetValue<string>().Should().Contain("manager at school-de-regenboog").And.Contain("process-manager at gemeente-tilburg");

        (await _hub.As("cjg-tilburg").PostAsync($"/api/families/{_family}/plan/actions/{actionId}/done", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _hub.As("school-de-regenboog").PostAsync($"/api/families/{_family}/plan/actions/{actionId}/done", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _hub.As("school-de-regenboog").PostAsync($"/api/families/{_family}/plan/actions/{actionId}/done", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);

        (await _hub.WaitForMailOfKindAsync("gemeente-tilburg", "notice", noticeKind: "chain-escalation-resolved")).Should().ContainSingle();
        (await _hub.OverviewAsync())["actionsOverdueByParty"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_plan_not_registered_or_not_reviewed_in_time_is_late_for_the_chain_office()
    {
        // Accepted Monday 10:00: the plan is due 10 working days later.
        await _hub.AdvanceToAsync(Monday.AddDays(14).AddMinutes(1));
        (await _hub.OverviewAsync())["plansLate"]!.AsArray().Should().ContainSingle(p => p!["kind"]!.GetValue<string>() == "plan");
        (await _hub.WaitForMailOfKindAsync("smw-tilburg", "notice", noticeKind: "chain-escalation")).Should().ContainSingle();

        var plan = Plan(("school-de-regenboog", "Gesprek met moeder", "2027-03-31", null));
        (await RegisterAsync("smw-tilburg", plan)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _hub.OverviewAsync())["plansLate"]!.AsArray().Should().BeEmpty();
        (await RegisterAsync("smw-tilburg", plan)).StatusCode.Should().Be(HttpStatusCode.OK, "the same messageId again is the first answer");

        await _hub.AdvanceToAsync(Monday.AddDays(14 + 43));
        (await _hub.OverviewAsync())["plansLate"]!.AsArray().Should().ContainSingle(p => p!["kind"]!.GetValue<string>() == "plan-review");
        plan["messageId"] = Guid.NewGuid().ToString();
        (await RegisterAsync("smw-tilburg", plan)).StatusCode.Should().Be(HttpStatusCode.Accepted, "a new version is the review");
        (await _hub.OverviewAsync())["plansLate"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_new_version_keeps_what_was_done_moves_what_changed_and_drops_what_it_no_longer_holds()
    {
        var first = await (await RegisterAsync("smw-tilburg", Plan(("school-de-regenboog", "A", "2027-02-12", null), ("cjg-tilburg", "B", "2027-02-12", null)))).ReadJsonAsync();
        var a = first["actions"]![0]!.GetValue<string>();
        var b = first["actions"]![1]!.GetValue<string>();
        (await _hub.As("school-de-regenboog").PostAsync($"/api/families/{_family}/plan/actions/{a}/done", null)).EnsureSuccessStatusCode();

        var second = await RegisterAsync("smw-tilburg", Plan(("school-de-regenboog", "A", "2027-02-12", a), ("jgz-tilburg", "C", "2027-02-26", null)));
        second.StatusCode.Should().Be(HttpStatusCode.Accepted);

        var actions = (await _hub.FamilyAsync(_family))["plan"]!["actions"]!.AsArray();
        actions.Should().HaveCount(2);
        actions.Single(x => x!["actionId"]!.GetValue<string>() == a)!["doneAt"].Should().NotBeNull();
        actions.Should().NotContain(x => x!["actionId"]!.GetValue<string>() == b);
        (await _hub.FamilyAsync(_family))["deadlines"]!.AsArray().Single(d => d!["reference"]!.GetValue<string>() == b)!["closedAt"].Should().NotBeNull();
    }
}
