using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Hub.Delivery.Provisioning;

/// <summary>
/// The few calls of RabbitMQ's management HTTP API (plugin rabbitmq_management) that provisioning needs,
/// as an administrator. Errors name the call and the broker's status, never a password.
/// </summary>
public sealed class ManagementApi : IDisposable
{
    readonly HttpClient _http;

    public ManagementApi(Uri baseUrl, string adminUser, string adminPassword, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = new Uri(baseUrl.ToString().TrimEnd('/') + "/api/");
        _http.Timeout = TimeSpan.FromSeconds(30);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{adminUser}:{adminPassword}")));
    }

    static string Segment(string value) => Uri.EscapeDataString(value);

    public async Task<bool> VirtualHostExistsAsync(string vhost, CancellationToken cancellationToken) =>
        await GetAsync($"vhosts/{Segment(vhost)}", cancellationToken) is not null;

    public Task CreateVirtualHostAsync(string vhost, CancellationToken cancellationToken) =>
        PutAsync($"vhosts/{Segment(vhost)}", new JsonObject(), cancellationToken);

    /// <summary>The user as the broker describes it (name, password_hash, hashing_algorithm, tags), or null.</summary>
    public Task<JsonObject?> UserAsync(string user, CancellationToken cancellationToken) =>
        GetAsync($"users/{Segment(user)}", cancellationToken);

    /// <summary>Creates the user or replaces its password; no tags, so it cannot use the management interface.</summary>
    public Task PutUserAsync(string user, string password, CancellationToken cancellationToken) =>
        PutAsync($"users/{Segment(user)}", new JsonObject { ["password"] = password, ["tags"] = "" }, cancellationToken);

    /// <summary>Clears the user's tags and keeps its password (the broker takes the hash it gave out).</summary>
    public Task ClearTagsAsync(JsonObject user, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["password_hash"] = user["password_hash"]?.GetValue<string>() ?? "", ["tags"] = "" };
        if (user["hashing_algorithm"]?.GetValue<string>() is { } algorithm)
            body["hashing_algorithm"] = algorithm;
        return PutAsync($"users/{Segment(user["name"]!.GetValue<string>())}", body, cancellationToken);
    }

    /// <summary>The user's tags (the API gives a list, older brokers a comma-separated string).</summary>
    public static IReadOnlyList<string> Tags(JsonObject user) => user["tags"] switch
    {
        JsonArray list => list.Select(t => t!.GetValue<string>()).ToList(),
        JsonValue text when text.GetValue<string>() is { Length: > 0 } joined => joined.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        _ => [],
    };

    public Task PutPermissionsAsync(string vhost, string user, BrokerPermissions permissions, CancellationToken cancellationToken) =>
        PutAsync($"permissions/{Segment(vhost)}/{Segment(user)}", new JsonObject
        {
            ["configure"] = permissions.Configure,
            ["write"] = permissions.Write,
            ["read"] = permissions.Read,
        }, cancellationToken);

    /// <summary>Every user with permissions on the virtual host.</summary>
    public async Task<IReadOnlyList<string>> UsersWithPermissionsAsync(string vhost, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"vhosts/{Segment(vhost)}/permissions", null, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, "list permissions on virtual host " + vhost).ConfigureAwait(false);
        var list = await response.Content.ReadFromJsonAsync<JsonArray>(cancellationToken).ConfigureAwait(false) ?? [];
        return list.Select(p => p!["user"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
    }

    async Task<JsonObject?> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        await EnsureAsync(response, "GET " + path).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false);
    }

    async Task PutAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Put, path, body, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, "PUT " + path).ConfigureAwait(false);
    }

    async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        try
        {
            return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ManagementApiException($"the management API at {_http.BaseAddress} did not answer: {e.Message}");
        }
    }

    static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode)
            return;
        var reason = "";
        try
        {
            reason = JsonNode.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false))?["reason"]?.GetValue<string>() ?? "";
        }
        catch (JsonException)
        {
        }
        var hint = response.StatusCode == HttpStatusCode.Unauthorized
            ? " (check the admin user and its password; it needs the administrator tag)" : "";
        throw new ManagementApiException($"{what} answered {(int)response.StatusCode}{(reason.Length > 0 ? ": " + reason : "")}{hint}");
    }

    public void Dispose() => _http.Dispose();
}

public sealed class ManagementApiException(string message) : Exception(message);
