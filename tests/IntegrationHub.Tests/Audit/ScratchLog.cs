using Dapper;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Tests.Audit;

/// <summary>A delivery log on its own SQLite file, without a hub around it, for chain and tamper tests.</summary>
public sealed class ScratchLog : IAsyncDisposable
{
    readonly Persistence.ScratchDatabase _scratch;

    ScratchLog(Persistence.ScratchDatabase scratch)
    {
        _scratch = scratch;
        Log = new HashChainedDeliveryLog(scratch.Database);
    }

    /// <summary>A data directory: its hub.db is the file the hub opens for <c>--data</c> this directory.</summary>
    public string Directory => _scratch.Directory;
    public HubDatabase Database => _scratch.Database;
    public HashChainedDeliveryLog Log { get; }

    public static async Task<ScratchLog> CreateAsync() => new(await Persistence.ScratchDatabase.CreateAsync("audit-test"));

    public static DeliveryLogEntry Entry(int n, DateTimeOffset? at = null) => new()
    {
        At = at ?? new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero).AddMinutes(n),
        MessageId = Guid.NewGuid(),
        HandoverId = Guid.NewGuid(),
        Sender = "school-de-regenboog",
        Receiver = "bjz-noord-brabant",
        Kind = "handover",
        Purpose = "care",
        LegalBasis = "consent",
        SubjectKey = "sk-" + n.ToString("x32"),
        PayloadSha256 = new string('a', 64),
        Outcome = DeliveryOutcomes.Accepted,
        Channel = "api:handovers",
    };

    public async Task AppendAsync(int count)
    {
        for (var i = 1; i <= count; i++)
            await Log.AppendAsync(Entry(i));
    }

    public Task<ChainVerification> VerifyAsync() => new DeliveryLogVerifier(Database).VerifyAsync();

    public async Task<int> ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await Database.OpenAsync();
        return await connection.ExecuteAsync(sql, parameters);
    }

    public ValueTask DisposeAsync()
    {
        _scratch.Dispose();
        return ValueTask.CompletedTask;
    }
}
