using System.Text.Json.Nodes;

namespace IntegrationHub.Tests.Support;

/// <summary>The public calls made as the agency the message names: its sender, or the agency giving feedback.</summary>
public static class AsParty
{
    public static Task<Guid> SubmitAsync(this TestHub hub, JsonObject handover) =>
        hub.As(handover["sender"]!["agencyId"]!.GetValue<string>()).SubmitAsync(handover);

    public static Task<HttpResponseMessage> PostHandoverAsync(this TestHub hub, JsonObject handover) =>
        hub.As(handover["sender"]!["agencyId"]!.GetValue<string>()).PostAsync("/api/handovers", Messages.Json(handover));

    public static Task<HttpResponseMessage> FeedbackAsync(this TestHub hub, Guid handoverId, JsonObject feedback) =>
        hub.As(feedback["by"]!["agencyId"]!.GetValue<string>()).FeedbackAsync(handoverId, feedback);

    public static Task<JsonArray> MailAsync(this TestHub hub, string agency, long after = 0) => hub.As(agency).MailAsync(agency, after);

    public static Task<JsonArray> WaitForMailAsync(this TestHub hub, string agency, int count, TimeSpan? timeout = null) =>
        hub.As(agency).WaitForMailAsync(agency, count, timeout);

    public static Task<JsonArray> RetoursAsync(this TestHub hub, string agency, long after = 0) => hub.As(agency).RetoursAsync(agency, after);

    public static Task<JsonArray> WaitForRetoursAsync(this TestHub hub, string agency, int count, TimeSpan? timeout = null) =>
        hub.As(agency).WaitForRetoursAsync(agency, count, timeout);
}
