using Xunit;
using System.Diagnostics;
using Npgsql;

namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>
/// A private PostgreSQL 15 cluster for the tests (initdb + pg_ctl on a free port, its own directory),
/// stopped and removed afterwards. As root it runs as the postgres system user, which initdb requires.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    static readonly string BinDirectory = Directory.Exists("/usr/lib/postgresql/15/bin") ? "/usr/lib/postgresql/15/bin" : "/usr/local/bin";

    public int Port { get; } = FreePort.Next();
    public string BaseDirectory { get; } = Path.Combine(Path.GetTempPath(), "hub-postgres-" + Guid.NewGuid().ToString("N")[..10]);
    string DataDirectory => Path.Combine(BaseDirectory, "data");

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=40;Timeout=30";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
            throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) are missing: `apt-get install -y postgresql-15`.");
        var started = Stopwatch.StartNew();
        Directory.CreateDirectory(BaseDirectory);
        if (ExternalProcess.IsRoot)
            await Run("chown", "-R", "postgres:postgres", BaseDirectory);
        await AsOwner("initdb", "-D", DataDirectory, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8");
        await StartAsync();
        Evidence.Record("postgres", $"Integration tests used a private PostgreSQL cluster on 127.0.0.1:{Port} (started in {started.Elapsed.TotalSeconds:0.0}s).");
    }

    /// <summary>A new, empty database for one test.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "hub_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>) on the same port and directory.</summary>
    public Task StartAsync() =>
        AsOwner("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(BaseDirectory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={BaseDirectory} -c fsync=off -c max_connections=200", "start");

    /// <summary>Stops the server at once, as a crash or an outage would (tests of the hub with its database down).</summary>
    public Task StopAsync() => AsOwner("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");

    async Task AsOwner(string tool, params string[] args)
    {
        var path = Path.Combine(BinDirectory, tool);
        if (ExternalProcess.IsRoot)
            await Run("runuser", ["-u", "postgres", "--", path, .. args]);
        else
            await Run(path, args);
    }

    static async Task Run(string file, params string[] args)
    {
        var (code, output) = await ExternalProcess.RunAsync(file, args, timeout: TimeSpan.FromMinutes(2));
        if (code != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({code}): {output}");
    }

    public async Task DisposeAsync()
    {
        try
        {
            await AsOwner("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }
        catch (Exception)
        {
        }
        try
        {
            Directory.Delete(BaseDirectory, recursive: true);
        }
        catch (Exception)
        {
        }
    }
}
