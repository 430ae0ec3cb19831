using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Tests.Persistence;

/// <summary>The hub's schema on a SQLite file in a directory of its own, for persistence tests; deleted with it.</summary>
public sealed class ScratchDatabase : IDisposable
{
    ScratchDatabase(string directory)
    {
        Directory = directory;
        Database = HubDatabase.SqliteFile(File);
    }

    public string Directory { get; }
    public string File => Path.Combine(Directory, "hub.db");
    public HubDatabase Database { get; private set; }

    public static async Task<ScratchDatabase> CreateAsync(string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), name + "-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var scratch = new ScratchDatabase(directory);
        await Schema.EnsureCreatedAsync(scratch.Database);
        return scratch;
    }

    /// <summary>The same file opened again, as a restarted hub opens it (the previous instance is the caller's to close).</summary>
    public HubDatabase Reopen() => Database = HubDatabase.SqliteFile(File);

    public void Dispose()
    {
        Database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
