using IntegrationHub.Hub.Persistence;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.Bench.Scenarios;

/// <summary>The database a scenario seeds and then hands to a hub process: a SQLite file (the embedded default) or a private PostgreSQL cluster.</summary>
sealed class BenchDatabase : IAsyncDisposable
{
    PostgresCluster? _postgres;
    bool _kept;

    public required string Kind { get; init; }
    public required string DataDirectory { get; init; }
    public HubDatabase Database { get; private set; } = null!;

    /// <summary>
    /// A new database in a temporary directory, or with <paramref name="keep"/> (SQLite only) one kept in that directory
    /// after the run, so a later run on the same seed can skip seeding (<see cref="Seeded"/>).
    /// </summary>
    public static async Task<BenchDatabase> CreateAsync(string kind, string? keep = null)
    {
        if (keep is not null && kind != "sqlite")
            throw new ArgumentException("--keep works with --db sqlite only");
        var directory = keep is not null ? Path.GetFullPath(keep) : Path.Combine(Path.GetTempPath(), "hub-bench-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(directory);
        var bench = new BenchDatabase { Kind = kind, DataDirectory = directory, _kept = keep is not null };
        if (kind == "postgres")
        {
            bench._postgres = new PostgresCluster();
            await bench._postgres.InitializeAsync();
            Console.WriteLine($"private PostgreSQL 15 on 127.0.0.1:{bench._postgres.Port} (fsync=off, as in the test fixture)");
            bench.Database = new HubDatabase(DatabaseProvider.Postgres, bench._postgres.ConnectionString("postgres"));
        }
        else
            bench.Database = HubDatabase.SqliteFile(Path.Combine(directory, "hub.db"));
        return bench;
    }

    /// <summary>What a kept directory says was seeded into it (null when nothing was, or the seed did not finish).</summary>
    public string? Seeded => _kept && File.Exists(SeedMark) ? File.ReadAllText(SeedMark).Trim() : null;

    /// <summary>Notes a finished seed in a kept directory.</summary>
    public void MarkSeeded(string what)
    {
        if (_kept)
            File.WriteAllText(SeedMark, what);
    }

    string SeedMark => Path.Combine(DataDirectory, "seeded.txt");

    /// <summary>The hub's settings for this database.</summary>
    public IEnumerable<string> HubSettings()
    {
        yield return $"--Hub:DataDirectory={DataDirectory}";
        yield return $"--Hub:Database:Provider={Kind}";
        if (_postgres is not null)
            yield return $"--Hub:Database:ConnectionString={_postgres.ConnectionString("postgres")}";
    }

    /// <summary>Bytes the database takes: the SQLite file with its WAL, or PostgreSQL's database size.</summary>
    public long Bytes()
    {
        if (_postgres is null)
            return Directory.GetFiles(DataDirectory, "hub.db*").Sum(f => new FileInfo(f).Length);
        using var connection = Database.OpenAsync().GetAwaiter().GetResult();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_database_size(current_database())";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    public async ValueTask DisposeAsync()
    {
        Database.Dispose();
        if (_postgres is not null)
            await _postgres.DisposeAsync();
        if (!_kept)
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
