using System.Net;

namespace IntegrationHub.Tests.Operator;

/// <summary>The operator API's lists over real HTTP: filters, paging, escalations, counts and a timeline.</summary>
public class OperatorApiTests(SeededHub seeded) : IClassFixture<SeededHub>
{
    [Fact]
    public async Task Overdue_filter_lists_the_two_handovers_without_receipt()
    {
        var page = await seeded.Hub.GetJsonAsync("/api/operator/handovers?overdue=true");

        page.Ids().Should().BeEquivalentTo([seeded.OverdueAtBjz.ToString(), seeded.OverdueAtCjg.ToString()]);
        page["total"]!.GetValue<long>().Should().Be(2);
        page["items"]!.AsArray().Should().OnlyContain(i => i!["overdue"]!.GetValue<bool>() && i["openEscalationLevel"]!.GetValue<int>() == 1);
    }

    [Fact]
    public async Task State_filter_uses_the_public_names()
    {
        (await seeded.Hub.GetJsonAsync("/api/operator/handovers?state=receipt-confirmed")).Ids().Should().Equal(seeded.Received.ToString());
        (await seeded.Hub.GetJsonAsync("/api/operator/handovers?state=care-started")).Ids().Should().Equal(seeded.InCare.ToString());
        (await seeded.Hub.GetJsonAsync("/api/operator/handovers?state=delivered")).Ids()
            .Should().BeEquivalentTo([seeded.OverdueAtBjz.ToString(), seeded.OverdueAtCjg.ToString()]);
    }

    [Fact]
    public async Task Agency_filter_matches_sender_or_receiver_and_combines_with_state()
    {
        (await seeded.Hub.GetJsonAsync("/api/operator/handovers?agency=cjg-tilburg")).Ids()
            .Should().BeEquivalentTo([seeded.OverdueAtCjg.ToString(), seeded.Withdrawn.ToString()]);
        (await seeded.Hub.GetJsonAsync("/api/operator/handovers?agency=veiligheidshuis-tilburg&state=withdrawn")).Ids()
            .Should().Equal(seeded.Withdrawn.ToString());
        (await seeded.Hub.GetJsonAsync("/api/operator/handovers?agency=school-de-regenboog&overdue=true")).Ids()
            .Should().Equal(seeded.OverdueAtBjz.ToString());
    }

    [Fact]
    public async Task An_agencys_total_is_the_number_of_handovers_it_is_a_party_to()
    {
        // The agency-only total is read from the report cells, not counted: it must still be the count.
        var all = (await seeded.Hub.GetJsonAsync("/api/operator/handovers?pageSize=200"))["items"]!.AsArray();
        var agencies = all.SelectMany(i => new[] { i!["sender"]!.GetValue<string>(), i["receiver"]!.GetValue<string>() }).Distinct().ToList();
        agencies.Should().HaveCountGreaterThan(2);
        foreach (var agency in agencies.Append("jgz-hart-van-brabant-unknown"))
        {
            var page = await seeded.Hub.GetJsonAsync($"/api/operator/handovers?agency={agency}");
            var expected = all.Count(i => i!["sender"]!.GetValue<string>() == agency || i["receiver"]!.GetValue<string>() == agency);
            page["total"]!.GetValue<long>().Should().Be(expected, agency);
            page.Ids().Should().HaveCount(expected, agency);
        }
    }

    [Fact]
    public async Task Pages_are_stable_and_cover_every_handover_once()
    {
        var seen = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var body = await seeded.Hub.GetJsonAsync($"/api/operator/handovers?page={page}&pageSize=2");
            body["total"]!.GetValue<long>().Should().Be(5);
            body["pageSize"]!.GetValue<int>().Should().Be(2);
            seen.AddRange(body.Ids());
        }
        seen.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(seeded.All.Select(i => i.ToString()));
        (await seeded.Hub.GetJsonAsync("/api/operator/handovers?page=1&pageSize=2")).Ids().Should().Equal(seen.Take(2));
    }

    [Fact]
    public async Task Page_size_is_capped_at_200() =>
        (await seeded.Hub.GetJsonAsync("/api/operator/handovers?pageSize=5000"))["pageSize"]!.GetValue<int>().Should().Be(200);

    [Fact]
    public async Task An_unknown_state_is_400_naming_the_valid_ones()
    {
        var response = await seeded.Hub.Http.SendAsync(OperatorHub.Get("/api/operator/handovers?state=Delivered"));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("receipt-confirmed");
    }

    [Fact]
    public async Task Open_escalations_name_handover_level_deadline_and_addressees()
    {
        var page = await seeded.Hub.GetJsonAsync("/api/operator/escalations");

        page["total"]!.GetValue<long>().Should().Be(2);
        var bjz = page["items"]!.AsArray().Single(e => e!["handoverId"]!.GetValue<string>() == seeded.OverdueAtBjz.ToString())!;
        bjz["level"]!.GetValue<int>().Should().Be(1);
        bjz["deadlineKind"]!.GetValue<string>().Should().Be("receipt");
        bjz["raisedAt"]!.GetValue<DateTimeOffset>().Should().BeAfter(OperatorHub.Monday.AddDays(2));
        bjz["addressees"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Contain(a => a.StartsWith("team-lead at bjz-noord-brabant"));
    }

    [Fact]
    public async Task Counts_by_state_show_every_state()
    {
        var counts = await seeded.Hub.GetJsonAsync("/api/operator/counts");

        counts["total"]!.GetValue<long>().Should().Be(5);
        counts["overdue"]!.GetValue<long>().Should().Be(2);
        counts["escalated"]!.GetValue<long>().Should().Be(2);
        var byState = counts["byState"]!.AsObject();
        byState.Select(p => (p.Key, p.Value!.GetValue<long>())).Should().Equal(
            ("submitted", 0L), ("delivered", 2L), ("receipt-confirmed", 1L), ("care-started", 1L), ("completed", 0L), ("rejected", 0L), ("withdrawn", 1L));
    }

    [Fact]
    public async Task A_handover_timeline_has_history_deadlines_and_escalations()
    {
        var view = await seeded.Hub.GetJsonAsync($"/api/operator/handovers/{seeded.OverdueAtBjz}");

        view["history"]!.AsArray().Select(h => h!["event"]!.GetValue<string>()).Should().Contain(["submitted", "delivered"]);
        view["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "receipt")!["missedAt"].Should().NotBeNull();
        view["escalations"]!.AsArray().Should().ContainSingle();
    }
}
