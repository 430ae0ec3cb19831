namespace IntegrationHub.Hub.Persistence;

/// <summary>Times are stored as Unix milliseconds: portable across SQLite and PostgreSQL and cheap to index.</summary>
public static class Epoch
{
    public static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();
    public static long? Ms(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds();
    public static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
    public static DateTimeOffset? At(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
}
