using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IntegrationHub.Bench;

// Trimmed copies of tests/IntegrationHub.IntegrationTests/Infrastructure (those depend on xunit):
// a private RabbitMQ node and PostgreSQL cluster on free ports, removed afterwards.

static class Tools
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitUntilOpenAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }
        throw new TimeoutException($"nothing listened on 127.0.0.1:{port} within {timeout.TotalSeconds:0}s");
    }

    public static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
            info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}

sealed class PrivateRabbitMq : IAsyncDisposable
{
    const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    const string CtlScript = "/usr/lib/rabbitmq/bin/rabbitmqctl";
    Process? _server;

    public string NodeName { get; } = $"hubbench{System.Environment.ProcessId}@localhost";
    public int AmqpPort { get; } = Tools.FreePort();
    readonly int _distPort = Tools.FreePort();
    readonly string _base = Path.Combine(Path.GetTempPath(), "hub-bench-rabbitmq-" + Guid.NewGuid().ToString("N")[..10]);
    public string Version { get; private set; } = "";

    public async Task StartAsync()
    {
        if (!File.Exists(ServerScript))
            throw new InvalidOperationException("RabbitMQ is not installed (apt-get install -y rabbitmq-server)");
        Directory.CreateDirectory(_base);
        await File.WriteAllTextAsync(Path.Combine(_base, "enabled_plugins"), "[].");
        var info = new ProcessStartInfo(ServerScript) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _base };
        foreach (var (k, v) in ServerEnvironment())
            info.Environment[k] = v;
        _server = Process.Start(info)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await Tools.WaitUntilOpenAsync(AmqpPort, TimeSpan.FromSeconds(120));
        var (code, output) = await Ctl("await_startup");
        if (code != 0)
            throw new InvalidOperationException($"RabbitMQ did not start: {output}");
        Version = (await Ctl("version")).Output.Trim();
    }

    Task<(int Code, string Output)> Ctl(params string[] args) =>
        Tools.RunAsync(CtlScript, ["-n", NodeName, .. args], new Dictionary<string, string> { ["HOME"] = _base });

    Dictionary<string, string> ServerEnvironment() => new()
    {
        ["HOME"] = _base,
        ["RABBITMQ_NODENAME"] = NodeName,
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = AmqpPort.ToString(),
        ["RABBITMQ_DIST_PORT"] = _distPort.ToString(),
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_base, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(_base, "log"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_base, "enabled_plugins"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_base, "rabbitmq"),
        ["RABBITMQ_PID_FILE"] = Path.Combine(_base, "rabbitmq.pid"),
    };

    public async ValueTask DisposeAsync()
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
        try { Directory.Delete(_base, recursive: true); } catch (IOException) { }
    }
}

sealed class PrivatePostgres : IAsyncDisposable
{
    const string Bin = "/usr/lib/postgresql/15/bin";
    static bool IsRoot => System.Environment.UserName == "root";
    readonly string _base = Path.Combine(Path.GetTempPath(), "hub-bench-postgres-" + Guid.NewGuid().ToString("N")[..10]);
    bool _started;

    public int Port { get; } = Tools.FreePort();
    string Data => Path.Combine(_base, "data");
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=40;Timeout=30";

    public async Task StartAsync()
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")))
            throw new InvalidOperationException("PostgreSQL 15 server binaries are missing (apt-get install -y postgresql-15)");
        Directory.CreateDirectory(_base);
        if (IsRoot)
            await Run("chown", "-R", "postgres:postgres", _base);
        await AsOwner("initdb", "-D", Data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8");
        // Same settings as the test fixture (fsync off): compare like with like, and say so in the results.
        await AsOwner("pg_ctl", "-D", Data, "-l", Path.Combine(_base, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_base} -c fsync=off -c max_connections=200", "start");
        _started = true;
    }

    async Task AsOwner(string tool, params string[] args)
    {
        var path = Path.Combine(Bin, tool);
        if (IsRoot)
            await Run("runuser", ["-u", "postgres", "--", path, .. args]);
        else
            await Run(path, args);
    }

    static async Task Run(string file, params string[] args)
    {
        var (code, output) = await Tools.RunAsync(file, args);
        if (code != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({code}): {output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
            try { await AsOwner("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop"); } catch (Exception) { }
        try { Directory.Delete(_base, recursive: true); } catch (Exception) { }
    }
}
