namespace IntegrationHub.Hub.Persistence;

public enum DatabaseProvider
{
    /// <summary>A file under Hub:DataDirectory: the embedded default, no server needed.</summary>
    Sqlite,
    /// <summary>PostgreSQL for production and for more than one hub instance.</summary>
    Postgres,
}
