using Xunit;
using System.Diagnostics;

namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>
/// A private RabbitMQ node for the tests: free ports, its own data directory and Erlang cookie, started
/// from Debian's rabbitmq-server and stopped afterwards. No shared or system broker is touched. The hub
/// connects as its own user (<see cref="HubUser"/>), never as guest; guest stays for the tests' own
/// readers, which play the agencies and the operator. Optionally with the management plugin (provisioning
/// tests) or a TLS listener (AMQPS tests), each on a free loopback port of its own.
/// </summary>
public sealed class RabbitMqNode : IAsyncLifetime
{
    public const string HubUser = "integrationhub";
    const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    const string CtlScript = "/usr/lib/rabbitmq/bin/rabbitmqctl";

    Process? _server;

    public string NodeName { get; } = $"hubtest{Environment.ProcessId}x{Random.Shared.Next(1000, 9999)}@localhost";
    public int AmqpPort { get; private set; } = FreePort.Next();
    public int DistPort { get; private set; } = FreePort.Next();
    public string BaseDirectory { get; } = Path.Combine(Path.GetTempPath(), "hub-rabbitmq-" + Guid.NewGuid().ToString("N")[..10]);
    public string Version { get; private set; } = "";
    public string HubPassword { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>Enables rabbitmq_management on 127.0.0.1:<see cref="ManagementPort"/> (this node only).</summary>
    public bool Management { get; init; }
    public int ManagementPort { get; private set; } = FreePort.Next();
    public Uri ManagementUrl => new($"http://127.0.0.1:{ManagementPort}/");

    /// <summary>Adds an AMQPS listener on 127.0.0.1:<see cref="TlsPort"/> with these PEM files.</summary>
    public TlsListener? Tls { get; init; }
    public int TlsPort { get; private set; } = FreePort.Next();

    /// <param name="RequireClientCertificate">verify_peer with fail_if_no_peer_cert: a client without a certificate from the CA is refused.</param>
    public sealed record TlsListener(string CaCertificateFile, string CertificateFile, string KeyFile, bool RequireClientCertificate);

    /// <summary>The hub's configuration for this node: its own user, created at start-up with every permission on "/".</summary>
    public Dictionary<string, string?> HubSettings => new()
    {
        ["Hub:Transport"] = "rabbitmq",
        ["Hub:RabbitMq:Host"] = "127.0.0.1",
        ["Hub:RabbitMq:Port"] = AmqpPort.ToString(),
        ["Hub:RabbitMq:Username"] = HubUser,
        ["Hub:RabbitMq:Password"] = HubPassword,
    };

    /// <summary>The Erlang cookie to share with other nodes (a cluster); default: the node makes its own.</summary>
    public string? ErlangCookie { get; init; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ServerScript))
            throw new InvalidOperationException(
                "RabbitMQ is not installed: the integration tests need a private RabbitMQ node. Install it with `apt-get install -y rabbitmq-server` (as root), or run ./test.sh as root which does so.");
        Directory.CreateDirectory(BaseDirectory);
        await File.WriteAllTextAsync(Path.Combine(BaseDirectory, "enabled_plugins"), Management ? "[rabbitmq_management]." : "[].");
        if (ErlangCookie is not null)
        {
            var cookie = Path.Combine(BaseDirectory, ".erlang.cookie");
            await File.WriteAllTextAsync(cookie, ErlangCookie);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }
        var started = Stopwatch.StartNew();
        await LaunchAsync(retryOnNewPorts: true);
        Version = (await Ctl("version")).Output.Trim();
        await CtlOrThrow("add_user", HubUser, HubPassword);
        await CtlOrThrow("set_permissions", "-p", "/", HubUser, ".*", ".*", ".*");
        var extras = (Management ? $", management API on 127.0.0.1:{ManagementPort}" : "") + (Tls is not null ? $", AMQPS on 127.0.0.1:{TlsPort}" : "");
        if (ErlangCookie is null)
            Evidence.Record(Management ? "rabbitmq-management" : Tls is not null ? "rabbitmq-tls" : "rabbitmq",
                $"Integration tests talked to a real RabbitMQ {Version} node {NodeName} on 127.0.0.1:{AmqpPort}{extras} (started in {started.Elapsed.TotalSeconds:0.0}s).");
    }

    /// <summary>Starts the node's process and waits until RabbitMQ runs on it.</summary>
    async Task LaunchAsync(bool retryOnNewPorts)
    {
        // A free port can be taken by someone else between finding it and the node binding it: try again on new ports.
        for (var attempt = 1; ; attempt++)
        {
            await File.WriteAllTextAsync(Path.Combine(BaseDirectory, "rabbitmq.conf"), Config());
            _server = ExternalProcess.Start(ServerScript, [], ServerEnvironment(), BaseDirectory, Path.Combine(BaseDirectory, "server.log"));
            var opened = await Task.WhenAny(
                FreePort.WaitUntilOpenAsync(AmqpPort, TimeSpan.FromSeconds(120), () => Tail(Path.Combine(BaseDirectory, "server.log"))),
                _server.WaitForExitAsync());
            await opened;
            if (!_server.HasExited)
                break;
            if (attempt == 3 || !retryOnNewPorts)
                throw new InvalidOperationException($"RabbitMQ node {NodeName} exited at start-up ({attempt} time(s)):\n{Tail(Path.Combine(BaseDirectory, "server.log"))}");
            AmqpPort = FreePort.Next();
            DistPort = FreePort.Next();
            ManagementPort = FreePort.Next();
            TlsPort = FreePort.Next();
        }
        var (code, output) = await Ctl("await_startup");
        if (code != 0)
            throw new InvalidOperationException($"RabbitMQ node {NodeName} did not start: {output}\n{Tail(Path.Combine(BaseDirectory, "server.log"))}");
    }

    /// <summary>Stops the whole node (the Erlang VM too), as an operator would, or at once with SIGKILL
    /// (<paramref name="kill"/>), as a failing machine would; its data stays.</summary>
    public async Task StopAsync(bool kill = false)
    {
        if (_server is null)
            return;
        if (kill)
            _server.Kill(entireProcessTree: true);
        else
            await Ctl("stop");
        if (!_server.WaitForExit(TimeSpan.FromSeconds(60)))
            _server.Kill(entireProcessTree: true);
        _server.Dispose();
        _server = null;
    }

    /// <summary>Starts a stopped node again on its own ports and data: a cluster member rejoins its cluster.</summary>
    public Task StartAgainAsync() => _server is null ? LaunchAsync(retryOnNewPorts: false) : Task.CompletedTask;

    /// <summary>Makes this (fresh) node a member of <paramref name="seed"/>'s cluster; its users become the cluster's.</summary>
    public async Task JoinAsync(RabbitMqNode seed)
    {
        await CtlOrThrow("stop_app");
        await CtlOrThrow("reset");
        await CtlOrThrow("join_cluster", seed.NodeName);
        await CtlOrThrow("start_app");
        await CtlOrThrow("await_startup");
    }

    public async Task CtlOrThrow(params string[] args)
    {
        var (code, output) = await Ctl(args);
        if (code != 0)
            throw new InvalidOperationException($"rabbitmqctl {args[0]} on {NodeName} failed ({code}): {output}");
    }

    /// <summary>rabbitmq.conf (RABBITMQ_CONFIG_FILE names it without its extension).</summary>
    string Config()
    {
        var lines = new List<string>();
        if (Management)
            lines.AddRange(["management.tcp.ip = 127.0.0.1", $"management.tcp.port = {ManagementPort}"]);
        if (Tls is { } tls)
            lines.AddRange([
                $"listeners.ssl.1 = 127.0.0.1:{TlsPort}",
                $"ssl_options.cacertfile = {tls.CaCertificateFile}",
                $"ssl_options.certfile = {tls.CertificateFile}",
                $"ssl_options.keyfile = {tls.KeyFile}",
                $"ssl_options.verify = {(tls.RequireClientCertificate ? "verify_peer" : "verify_none")}",
                $"ssl_options.fail_if_no_peer_cert = {(tls.RequireClientCertificate ? "true" : "false")}",
            ]);
        return string.Join('\n', lines) + "\n";
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
        if (_server is not null)
        {
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
        }
        try
        {
            Directory.Delete(BaseDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The end of the node's own log (errors the broker reports to a client only as INTERNAL_ERROR).</summary>
    public string LogTail() =>
        string.Join('\n', Directory.Exists(Path.Combine(BaseDirectory, "log"))
            ? Directory.GetFiles(Path.Combine(BaseDirectory, "log"), "*.log").Select(f => $"{Path.GetFileName(f)}:\n{Tail(f)}") : ["(no log directory)"]);

    static string Tail(string path) => File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(30)) : "(no log)";
}
