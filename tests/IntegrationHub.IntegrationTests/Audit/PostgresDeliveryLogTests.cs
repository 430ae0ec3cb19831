using Dapper;
using FluentAssertions;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.IntegrationTests.Infrastructure;
using Xunit;

namespace IntegrationHub.IntegrationTests.Audit;

/// <summary>
/// On PostgreSQL entries are staged with their facts and linked in batches. Two hub instances on one
/// database, appending and linking at the same time, must still give one intact chain with every
/// committed entry once, and no entry of a rolled-back transaction.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class PostgresDeliveryLogTests(PostgresCluster postgres)
{
    static DeliveryLogEntry Entry(int n) => new()
    {
        At = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero).AddSeconds(n),
        MessageId = Guid.NewGuid(),
        HandoverId = Guid.NewGuid(),
        Kind = "handover",
        PayloadSha256 = n.ToString("x64"),
        Outcome = DeliveryOutcomes.Accepted,
        Channel = "api:handovers",
    };

    [Fact]
    public async Task Two_instances_appending_and_linking_at_once_give_one_chain_with_each_committed_entry_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        using var first = new HubDatabase(DatabaseProvider.Postgres, connectionString);
        using var second = new HubDatabase(DatabaseProvider.Postgres, connectionString);
        await Schema.EnsureCreatedAsync(first);
        var logs = new[] { new HashChainedDeliveryLog(first), new HashChainedDeliveryLog(second) };
        var databases = new[] { first, second };

        using var stop = new CancellationTokenSource();
        var linkers = logs.Select(log => Task.Run(async () =>
        {
            var linked = 0;
            while (!stop.IsCancellationRequested)
                linked += await log.ChainStagedAsync(7);
            return linked;
        })).ToList();

        // Every third append's transaction rolls back: its staged entry must never reach the chain.
        var appends = Enumerable.Range(1, 300).Select(n => Task.Run(async () =>
        {
            var database = databases[n % 2];
            await using var connection = await database.OpenAsync();
            await using var tx = await database.BeginWriteAsync(connection);
            await logs[n % 2].AppendAsync(Entry(n), connection, tx);
            if (n % 3 == 0)
                await tx.RollbackAsync();
            else
                await tx.CommitAsync();
        }));
        await Task.WhenAll(appends);
        while (await logs[0].StagedCountAsync() > 0)
            await Task.Delay(50);
        await stop.CancelAsync();
        var linkedByEach = await Task.WhenAll(linkers);

        linkedByEach.Should().OnlyContain(n => n > 0, "both instances took part in linking");
        linkedByEach.Sum().Should().Be(200);
        var verification = await new DeliveryLogVerifier(first).VerifyAsync();
        verification.Intact.Should().BeTrue(verification.ToString());
        verification.Count.Should().Be(200);
        await using var read = await first.OpenAsync();
        var hashes = (await read.QueryAsync<string>("SELECT payload_sha256 FROM delivery_log")).ToList();
        hashes.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(
            Enumerable.Range(1, 300).Where(n => n % 3 != 0).Select(n => n.ToString("x64")));
    }
}
