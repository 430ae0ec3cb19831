using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.NeverLetGo;

/// <summary>The public calls issue 13's tests make, on a hub with the simulated clock (Monday 1 February 2027, 10:00 in Amsterdam).</summary>
static class NeverLetGoHub
{
    public static async Task AdvanceAsync(this TestHub hub, string duration) =>
        (await hub.Operator.PostAsync("/api/admin/clock", Messages.Json(new JsonObject { ["advance"] = duration }))).EnsureSuccessStatusCode();

    public static async Task AdvanceToAsync(this TestHub hub, DateTimeOffset to) =>
        (await hub.Operator.PostAsync("/api/admin/clock", Messages.Json(new JsonObject { ["to"] = to.ToString("O") }))).EnsureSuccessStatusCode();

    public static async Task<Guid> DeliveredAsync(this TestHub hub, JsonObject? handover = null)
    {
        var id = await hub.SubmitAsync(handover ?? Messages.Handover());
        await hub.WaitForStateAsync(id, "delivered");
        return id;
    }

    public static async Task<HttpResponseMessage> GiveAsync(this TestHub hub, Guid id, string kind, string by, Action<JsonObject>? with = null)
    {
        var feedback = Messages.Feedback(kind, by, reason: kind is "rejection" or "withdrawal" or "accepted-waiting" ? "reden" : null);
        with?.Invoke(feedback);
        return await hub.FeedbackAsync(id, feedback);
    }

    public static async Task GivenAsync(this TestHub hub, Guid id, string kind, string by, Action<JsonObject>? with = null)
    {
        var response = await hub.GiveAsync(id, kind, by, with);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonObject> ViewAsync(this TestHub hub, Guid id) => await hub.WaitForViewAsync(id, _ => true);

    public static IEnumerable<JsonNode> Deadlines(this JsonObject view, string kind) =>
        view["deadlines"]!.AsArray().Where(d => d!["kind"]!.GetValue<string>() == kind).Select(d => d!);

    public static IEnumerable<JsonNode> Escalations(this JsonObject view, string deadlineKind) =>
        view["escalations"]!.AsArray().Where(e => e!["deadlineKind"]!.GetValue<string>() == deadlineKind).Select(e => e!);

    /// <summary>Settles what the sweep and the outbox were still doing at the current simulated time.</summary>
    public static async Task SettleAsync(this TestHub hub)
    {
        await hub.AdvanceAsync("PT0S");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await hub.Get<IntegrationHub.Hub.Outbox.OutboxStore>().PendingCountAsync() > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
    }
}
