using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace IntegrationHub.Tests.Support;

/// <summary>POST /api/adapters/{name}/messages and GET /api/agencies/{id}/mail, as an agency system calls them.</summary>
public static class AdapterHttp
{
    public static Task<HttpResponseMessage> PostAdapterAsync(this HttpClient http, string adapter, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return http.PostAsync($"/api/adapters/{adapter}/messages", content);
    }

    /// <summary>The handover id of the only message an accepted post produced.</summary>
    public static async Task<Guid> PostAcceptedAsync(this HttpClient http, string adapter, byte[] body, string contentType)
    {
        var response = await http.PostAdapterAsync(adapter, body, contentType);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 202)
            throw new InvalidOperationException($"adapter {adapter} answered {(int)response.StatusCode}: {text}");
        return Guid.Parse(JsonNode.Parse(text)!["messages"]![0]!["handoverId"]!.GetValue<string>());
    }

    /// <summary>The agency's mail about handovers: everything but the retours (the hub's answers to what it sent, <see cref="RetoursAsync"/>).</summary>
    public static async Task<JsonArray> MailAsync(this HttpClient http, string agency, long after = 0) =>
        Only(await http.AllMailAsync(agency, after), retours: false);

    /// <summary>The retours in the agency's mailbox: the hub's answer to each message it sent.</summary>
    public static async Task<JsonArray> RetoursAsync(this HttpClient http, string agency, long after = 0) =>
        Only(await http.AllMailAsync(agency, after), retours: true);

    public static async Task<JsonArray> AllMailAsync(this HttpClient http, string agency, long after = 0)
    {
        var response = await http.GetAsync($"/api/agencies/{agency}/mail?after={after}");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["mail"]!.AsArray();
    }

    static JsonArray Only(JsonArray mail, bool retours) =>
        new(mail.Where(m => (m!["kind"]!.GetValue<string>() == "retour") == retours).Select(m => m!.DeepClone()).ToArray());

    /// <summary>Polls an agency's mailbox until it holds at least <paramref name="count"/> pieces of mail (retours not counted).</summary>
    public static Task<JsonArray> WaitForMailAsync(this HttpClient http, string agency, int count, TimeSpan? timeout = null) =>
        WaitAsync(() => http.MailAsync(agency), agency, count, timeout);

    /// <summary>Polls an agency's mailbox until it holds at least <paramref name="count"/> retours.</summary>
    public static Task<JsonArray> WaitForRetoursAsync(this HttpClient http, string agency, int count, TimeSpan? timeout = null) =>
        WaitAsync(() => http.RetoursAsync(agency), agency, count, timeout);

    static async Task<JsonArray> WaitAsync(Func<Task<JsonArray>> read, string agency, int count, TimeSpan? timeout)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var mail = await read();
            if (mail.Count >= count)
                return mail;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{agency} holds {mail.Count} piece(s) of mail, expected {count}: {mail.ToJsonString()}");
            await Task.Delay(50);
        }
    }
}

/// <summary>The adapter calls made as the demo agency whose format the adapter reads (its sample messages are that agency's).</summary>
public static class AdapterHttpAsAgency
{
    public static string DemoAgencyOf(string adapter) => adapter switch
    {
        "bjz" => "bjz-noord-brabant",
        "jgz" => "jgz-tilburg",
        "veiligheidshuis" => "veiligheidshuis-tilburg",
        _ => "school-de-regenboog",
    };

    public static Task<HttpResponseMessage> PostAdapterAsync(this TestHub hub, string adapter, byte[] body, string contentType) =>
        hub.As(DemoAgencyOf(adapter)).PostAdapterAsync(adapter, body, contentType);

    public static Task<Guid> PostAcceptedAsync(this TestHub hub, string adapter, byte[] body, string contentType) =>
        hub.As(DemoAgencyOf(adapter)).PostAcceptedAsync(adapter, body, contentType);
}
