using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Operator;

/// <summary>A refused handover is listed with its reason and bytes, and accepted once an operator replays it corrected.</summary>
public class RejectReplayTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await OperatorHub.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_handover_with_a_bad_bsn_is_listed_then_replayed_corrected_and_accepted()
    {
        var handover = Messages.Handover();
        handover["subject"]!["bsn"] = "123456789";
        (await _hub.PostHandoverAsync(handover)).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var rejects = await _hub.GetJsonAsync("/api/operator/rejects");
        rejects["total"]!.GetValue<long>().Should().Be(1);
        var reject = rejects["items"]![0]!;
        reject["channel"]!.GetValue<string>().Should().Be("api:handovers");
        reject["reasons"]!.AsArray().Select(r => r!["path"]!.GetValue<string>()).Should().Equal("/subject/bsn");
        reject["originalText"].Should().BeNull("the list carries metadata only; the original is on /rejects/{id}");
        var rejectId = reject["id"]!.GetValue<long>();
        var single = await _hub.GetJsonAsync($"/api/operator/rejects/{rejectId}");
        single["originalText"]!.GetValue<string>().Should().Contain("123456789");
        Encoding.UTF8.GetString(Convert.FromBase64String(single["originalBase64"]!.GetValue<string>())).Should().Contain("123456789");

        // Replaying it unchanged fails again, and says so.
        var again = await ReplayAsync(rejectId, null);
        again["outcome"]!.GetValue<string>().Should().Be("invalid");

        handover["subject"]!["bsn"] = "123456782";
        var replay = await ReplayAsync(rejectId, handover);

        replay["outcome"]!.GetValue<string>().Should().Be("accepted");
        var handoverId = Guid.Parse(replay["handoverId"]!.GetValue<string>());
        await _hub.WaitForStateAsync(handoverId, "delivered");
        var row = await _hub.GetJsonAsync($"/api/operator/rejects/{rejectId}");
        row["replayedAt"].Should().NotBeNull();
        row["replayResult"]!["outcome"]!.GetValue<string>().Should().Be("accepted");
        row["replayResult"]!["handoverId"]!.GetValue<string>().Should().Be(handoverId.ToString());
        (await _hub.GetJsonAsync("/api/operator/counts"))["rejectsNotReplayed"]!.GetValue<long>()
            .Should().Be(1, "the unchanged replay was itself refused and recorded as a new reject");
    }

    [Fact]
    public async Task Replaying_an_unknown_reject_is_404()
    {
        var request = OperatorHub.Get("/api/operator/rejects/999/replay");
        request.Method = HttpMethod.Post;
        (await _hub.Http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    async Task<JsonObject> ReplayAsync(long rejectId, JsonObject? corrected)
    {
        var request = OperatorHub.Get($"/api/operator/rejects/{rejectId}/replay");
        request.Method = HttpMethod.Post;
        request.Content = corrected is null ? new StringContent("") : Messages.Json(corrected);
        var response = await _hub.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsObject();
    }
}
