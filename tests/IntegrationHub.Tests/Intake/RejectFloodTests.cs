using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Adapters;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.AgencyAdapters;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Rejects;
using IntegrationHub.Tests.Operator;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Intake;

/// <summary>
/// Issue 10 §2: refused input cannot flood operators. An original is kept up to the adapters' size limit
/// (cut-off marked), the rejects list carries metadata only, and a reject's original is on its own call.
/// </summary>
public class RejectFloodTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(OperatorHub.Monday));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task An_inbound_queue_message_above_the_limit_is_kept_cut_off_and_marked()
    {
        var limit = _hub.Get<AdapterContext>().MaxBodyBytes;
        var body = new byte[limit + 1024 * 1024];
        Array.Fill(body, (byte)'x');
        var bjz = _hub.Get<AdapterCatalog>().ByName("bjz");

        // What the inbound queue consumer does with a message from agency.bjz-noord-brabant.inbound.
        var result = await _hub.Get<AdapterIngress>().HandleAsync(bjz, "amqp:agency.bjz-noord-brabant.inbound", Caller.ForAgency("bjz-noord-brabant"),
            body, "application/xml", CancellationToken.None);

        result.Should().BeOfType<IngressResult.Refused>();
        await using var connection = await _hub.Get<HubDatabase>().OpenAsync();
        var row = await connection.QuerySingleAsync<(long Stored, long Received)>("SELECT LENGTH(original), original_size FROM rejects");
        row.Stored.Should().Be(limit);
        row.Received.Should().Be(body.Length);

        var listed = (await _hub.GetJsonAsync("/api/operator/rejects"))["items"]![0]!;
        listed["truncated"]!.GetValue<bool>().Should().BeTrue();
        listed["originalSize"]!.GetValue<long>().Should().Be(body.Length);
        listed["storedSize"]!.GetValue<long>().Should().Be(limit);
    }

    [Fact]
    public async Task The_rejects_list_carries_metadata_only_and_the_original_is_on_its_own_call()
    {
        var big = Encoding.UTF8.GetBytes("<Overdracht>" + new string('x', 900_000));
        for (var i = 0; i < 5; i++)
            (await _hub.PostAdapterAsync("bjz", big, "application/xml")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var response = await _hub.Http.SendAsync(OperatorHub.Get("/api/operator/rejects"));
        var text = await response.Content.ReadAsStringAsync();

        text.Length.Should().BeLessThan(20_000, "five 900 kB originals must not travel with the list");
        var items = JsonNode.Parse(text)!["items"]!.AsArray();
        items.Should().HaveCount(5);
        items.Should().OnlyContain(i => i!["originalText"] == null && i["originalBase64"] == null && i["originalSize"]!.GetValue<long>() == big.Length);

        var one = await _hub.GetJsonAsync($"/api/operator/rejects/{items[0]!["id"]}");
        one["originalText"]!.GetValue<string>().Should().HaveLength(big.Length);
        one["truncated"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task A_cut_off_original_is_replayed_only_with_a_corrected_body()
    {
        var store = _hub.Get<RejectStore>();
        var handover = Encoding.UTF8.GetBytes(Messages.Handover().ToJsonString());
        var padded = new byte[store.MaxOriginalBytes + 10];
        handover.CopyTo(padded, 0);
        var id = await store.AddAsync("amqp:agency.cjg-tilburg.inbound", "school-de-regenboog", "application/json",
            [new("/", "a test refusal")], padded);

        var replay = await _hub.Operator.PostAsync($"/api/operator/rejects/{id}/replay", null);
        var outcome = JsonNode.Parse(await replay.Content.ReadAsStringAsync())!;

        outcome["outcome"]!.GetValue<string>().Should().Be("forbidden");
        outcome["detail"]!.GetValue<string>().Should().Contain("corrected body");
    }

    [Fact]
    public async Task An_ambiguous_original_replayed_as_it_was_is_refused_again_by_path()
    {
        var json = Messages.Handover().ToJsonString().Replace("\"urgency\":\"regular\"", "\"urgency\":\"regular\",\"urgency\":\"crisis\"");
        (await _hub.As("school-de-regenboog").PostAsync("/api/handovers", new StringContent(json, Encoding.UTF8, "application/json")))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var id = (await _hub.GetJsonAsync("/api/operator/rejects"))["items"]![0]!["id"]!.GetValue<long>();

        var replay = await _hub.Operator.PostAsync($"/api/operator/rejects/{id}/replay", null);

        replay.StatusCode.Should().Be(HttpStatusCode.OK);
        var outcome = JsonNode.Parse(await replay.Content.ReadAsStringAsync())!;
        outcome["outcome"]!.GetValue<string>().Should().Be("invalid");
        outcome["problems"]![0]!["path"]!.GetValue<string>().Should().Be("/urgency");
    }

    [Fact]
    public async Task At_most_a_hundred_problems_are_kept_per_reject()
    {
        var handover = Messages.Handover();
        for (var i = 0; i < 300; i++)
            handover[$"unknown{i}"] = i;

        var response = await _hub.PostHandoverAsync(handover);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var reject = (await _hub.GetJsonAsync("/api/operator/rejects"))["items"]![0]!;
        var reasons = reject["reasons"]!.AsArray();
        reasons.Should().HaveCount(RejectStore.MaxProblems);
        reasons[^1]!["reason"]!.GetValue<string>().Should().Contain("201 more");
    }
}
