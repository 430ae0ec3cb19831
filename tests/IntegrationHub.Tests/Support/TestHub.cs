using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Hub.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Support;

/// <summary>
/// A real hub in this process: Kestrel on a free loopback port, its own data directory, and whatever
/// configuration the test adds (simulated clock, RabbitMQ, PostgreSQL). Driven over real HTTP.
/// </summary>
public sealed class TestHub : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly Func<HttpMessageHandler> _handler;
    readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    TestHub(WebApplication app, string dataDirectory, Func<HttpMessageHandler> handler, Uri address)
    {
        _app = app;
        _handler = handler;
        DataDirectory = dataDirectory;
        Http = new HttpClient(handler()) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string DataDirectory { get; }
    /// <summary>Leave the data directory for a restarted hub to open (restart and crash tests).</summary>
    public bool KeepDataOnDispose { get; set; }
    /// <summary>A client that presents no credential (only GET /health answers it).</summary>
    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>The system of agency <paramref name="agencyId"/>, with its own key.</summary>
    public HttpClient As(string agencyId) => Client(TestCredentials.Agency(agencyId));
    /// <summary>The chain office, with an operator key.</summary>
    public HttpClient Operator => Client(TestCredentials.Operator);
    public HttpClient Auditor => Client(TestCredentials.Auditor);

    /// <summary>A client presenting <paramref name="key"/> as a bearer token.</summary>
    public HttpClient Client(string key)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(key, out var client))
            {
                client = new HttpClient(_handler()) { BaseAddress = Http.BaseAddress, Timeout = Http.Timeout };
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
                _clients[key] = client;
            }
            return client;
        }
    }

    /// <param name="handler">how the test's clients connect (e.g. trusting a test CA over HTTPS); default: plain HTTP.</param>
    /// <param name="configure">changes to the host before the hub's own wiring (e.g. an extra adapter).</param>
    /// <param name="waitUntilHealthy">false for a hub that is meant to start unhealthy (a read-only database).</param>
    public static async Task<TestHub> StartAsync(IDictionary<string, string?>? settings = null, string? dataDirectory = null, Func<HttpMessageHandler>? handler = null,
        Action<WebApplicationBuilder>? configure = null, bool waitUntilHealthy = true)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "hub-test-" + Guid.NewGuid().ToString("N")[..12]);
        var args = new List<string> { "--urls", "http://127.0.0.1:0", $"--Hub:DataDirectory={dataDirectory}", "--Hub:Scheduler:SweepInterval=00:00:00.200" };
        settings ??= new Dictionary<string, string?>();
        if (!settings.Keys.Any(k => k.StartsWith("Serilog:", StringComparison.Ordinal)))
        {
            // Each test hub logs to its own file, quoted when a wait times out.
            settings = new Dictionary<string, string?>(settings)
            {
                ["Serilog:Using:0"] = "Serilog.Sinks.File",
                ["Serilog:WriteTo:0:Name"] = "File",
                ["Serilog:WriteTo:0:Args:path"] = Path.Combine(dataDirectory, "hub.log"),
            };
        }
        foreach (var (key, value) in TestCredentials.Settings(settings))
            args.Add($"--{key}={value}");
        var app = await HubApp.BuildAsync(args.ToArray(), configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var hub = new TestHub(app, dataDirectory, handler ?? (() => new SocketsHttpHandler()), new Uri(address));
        if (waitUntilHealthy)
            await hub.WaitUntilHealthyAsync();
        return hub;
    }

    public static Dictionary<string, string?> Simulated(DateTimeOffset start) => new()
    {
        ["Hub:Clock:Simulated"] = "true",
        ["Hub:Clock:Start"] = start.ToString("O"),
    };

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Ready means /health answers 200: the bus is connected and the database answers.</summary>
    async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            var response = await Http.GetAsync("/health");
            if (response.IsSuccessStatusCode)
                return;
            last = await response.Content.ReadAsStringAsync();
            await Task.Delay(100);
        }
        throw new TimeoutException($"the hub did not become healthy: {last}");
    }

    /// <summary>Polls the view until <paramref name="until"/> holds (state machines run asynchronously).</summary>
    public async Task<JsonObject> WaitForViewAsync(Guid handoverId, Func<JsonObject, bool> until, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var response = await Operator.GetAsync($"/api/handovers/{handoverId}");
            if (response.IsSuccessStatusCode)
            {
                last = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                if (until(last))
                    return last;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"handover {handoverId} did not reach the expected view; last: {last?.ToJsonString()}\nhub log:\n{LogTail()}");
    }

    public Task<JsonObject> WaitForStateAsync(Guid handoverId, string state, TimeSpan? timeout = null) =>
        WaitForViewAsync(handoverId, v => v["state"]?.GetValue<string>() == state, timeout);

    public string LogTail(int lines = 40)
    {
        var path = Path.Combine(DataDirectory, "hub.log");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        foreach (var client in _clients.Values)
            client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (KeepDataOnDispose)
            return;
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
