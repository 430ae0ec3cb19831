using Xunit;
using System.Diagnostics;

namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>
/// A private RabbitMQ node for the tests: free ports, its own data directory and Erlang cookie, started
/// from Debian's rabbitmq-server and stopped afterwards. No shared or system broker is touched.
/// </summary>
public sealed class RabbitMqNode : IAsyncLifetime
{
    const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    const string CtlScript = "/usr/lib/rabbitmq/bin/rabbitmqctl";

    Process? _server;

    public string NodeName { get; } = $"hubtest{Environment.ProcessId}x{Random.Shared.Next(1000, 9999)}@localhost";
    public int AmqpPort { get; private set; } = FreePort.Next();
    public int DistPort { get; private set; } = FreePort.Next();
    public string BaseDirectory { get; } = Path.Combine(Path.GetTempPath(), "hub-rabbitmq-" + Guid.NewGuid().ToString("N")[..10]);
    public string Version { get; private set; } = "";

    /// <summary>The hub's configuration for this node.</summary>
    public Dictionary<string, string?> HubSettings => new()
    {
        ["Hub:Transport"] = "rabbitmq",
        ["Hub:RabbitMq:Host"] = "127.0.0.1",
        ["Hub:RabbitMq:Port"] = AmqpPort.ToString(),
    };

    public async Task InitializeAsync()
    {
        if (!File.Exists(ServerScript))
            throw new InvalidOperationException(
                "RabbitMQ is not installed: the integration tests need a private RabbitMQ node. Install it with `apt-get install -y rabbitmq-server` (as root), or run ./test.sh as root which does so.");
        Directory.CreateDirectory(BaseDirectory);
        await File.WriteAllTextAsync(Path.Combine(BaseDirectory, "enabled_plugins"), "[].");
        var started = Stopwatch.StartNew();
        // A free port can be taken by someone else between finding it and the node binding it: try again on new ports.
        for (var attempt = 1; ; attempt++)
        {
            _server = ExternalProcess.Start(ServerScript, [], ServerEnvironment(), BaseDirectory, Path.Combine(BaseDirectory, "server.log"));
            var opened = await Task.WhenAny(
                FreePort.WaitUntilOpenAsync(AmqpPort, TimeSpan.FromSeconds(120), () => Tail(Path.Combine(BaseDirectory, "server.log"))),
                _server.WaitForExitAsync());
            await opened;
            if (!_server.HasExited)
                break;
            if (attempt == 3)
                throw new InvalidOperationException($"RabbitMQ node {NodeName} exited at start-up three times:\n{Tail(Path.Combine(BaseDirectory, "server.log"))}");
            AmqpPort = FreePort.Next();
            DistPort = FreePort.Next();
        }
        var (code, output) = await Ctl("await_startup");
        if (code != 0)
            throw new InvalidOperationException($"RabbitMQ node {NodeName} did not start: {output}\n{Tail(Path.Combine(BaseDirectory, "server.log"))}");
        Version = (await Ctl("version")).Output.Trim();
        Evidence.Record("rabbitmq", $"Integration tests talked to a real RabbitMQ {Version} node {NodeName} on 127.0.0.1:{AmqpPort} (started in {started.Elapsed.TotalSeconds:0.0}s).");
    }

    public Task<(int ExitCode, string Output)> Ctl(params string[] args) =>
        ExternalProcess.RunAsync(CtlScript, ["-n", NodeName, .. args], new Dictionary<string, string> { ["HOME"] = BaseDirectory }, TimeSpan.FromSeconds(90));

    Dictionary<string, string> ServerEnvironment() => new()
    {
        // HOME holds the Erlang cookie: a private one per node, shared with rabbitmqctl through the same HOME.
        ["HOME"] = BaseDirectory,
        ["RABBITMQ_NODENAME"] = NodeName,
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = AmqpPort.ToString(),
        ["RABBITMQ_DIST_PORT"] = DistPort.ToString(),
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(BaseDirectory, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(BaseDirectory, "log"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(BaseDirectory, "enabled_plugins"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(BaseDirectory, "rabbitmq"),
        ["RABBITMQ_PID_FILE"] = Path.Combine(BaseDirectory, "rabbitmq.pid"),
    };

    public async Task DisposeAsync()
    {
        if (_server is null)
            return;
        try
        {
            await Ctl("stop");
            if (!_server.WaitForExit(TimeSpan.FromSeconds(20)))
                _server.Kill(entireProcessTree: true);
        }
        catch (Exception)
        {
            _server.Kill(entireProcessTree: true);
        }
        _server.Dispose();
        try
        {
            Directory.Delete(BaseDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    static string Tail(string path) => File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(30)) : "(no log)";
}
