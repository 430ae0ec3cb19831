using System.Data.Common;
using System.Text.Json;
using Dapper;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Audit;

/// <summary>
/// The delivery log as an append-only hash chain in <c>delivery_log</c>: each row carries the hash of
/// the row before it, so a changed, removed or inserted row shows up on verification
/// (<see cref="DeliveryLogVerifier"/>). There is no code path that updates or deletes a row.
/// </summary>
/// <remarks>
/// Linking needs one global order. SQLite has one writer anyway, so entries are linked as they are
/// appended. On PostgreSQL a lock per append serialised every transaction that logs anything (most of
/// the hub's transactions waited on it under load), so there an entry is staged in the caller's
/// transaction, committed with its fact, and <see cref="DeliveryLogChainer"/> links staged entries in
/// batches under the lock, within moments.
/// </remarks>
public sealed class HashChainedDeliveryLog(HubDatabase database) : IDeliveryLog
{
    /// <summary>
    /// The PostgreSQL advisory lock that serialises appends across hub instances; held until the
    /// transaction ends, so the next appender reads the hash this one committed. ("audit" in ASCII.)
    /// </summary>
    public const long PostgresAppendLock = 0x61_75_64_69_74;

    public async Task AppendAsync(DeliveryLogEntry entry, DbConnection? connection = null, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (connection is not null && transaction is not null)
        {
            await AppendInAsync(entry, connection, transaction).ConfigureAwait(false);
            return;
        }

        // No caller transaction: a write of our own, which on SQLite (one writer) already serialises
        // against every other writer between reading the last hash and inserting.
        await database.WriteAsync(scope => AppendInAsync(entry, scope.Connection, scope.Transaction), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A batch is linked with one read of the chain's end and one prepared insert (SQLite), or staged together (PostgreSQL).</summary>
    public async Task AppendManyAsync(IReadOnlyList<DeliveryLogEntry> entries, DbConnection connection, DbTransaction transaction)
    {
        if (entries.Count == 0)
            return;
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await connection.ExecuteAsync("INSERT INTO delivery_log_staged (entry) VALUES (@Entry)",
                entries.Select(e => new { Entry = JsonSerializer.Serialize(e, StagedJson) }), transaction).ConfigureAwait(false);
            _staged.Release();
            return;
        }
        await LinkAsync(entries, connection, transaction).ConfigureAwait(false);
    }

    async Task AppendInAsync(DeliveryLogEntry entry, DbConnection connection, DbTransaction transaction)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await connection.ExecuteAsync("INSERT INTO delivery_log_staged (entry) VALUES (@Entry)",
                new { Entry = JsonSerializer.Serialize(entry, StagedJson) }, transaction).ConfigureAwait(false);
            _staged.Release();
            return;
        }
        await LinkAsync([entry], connection, transaction).ConfigureAwait(false);
    }

    static readonly JsonSerializerOptions StagedJson = new(JsonSerializerDefaults.Web);
    readonly SemaphoreSlim _staged = new(0);

    /// <summary>Waits until an entry may have been staged (or <paramref name="timeout"/>): the chainer's cue.</summary>
    internal async Task WaitForStagedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (await _staged.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
            while (_staged.Wait(0)) { }
    }

    /// <summary>
    /// PostgreSQL: links up to <paramref name="max"/> committed staged entries, oldest first, in one
    /// transaction under the append lock; returns how many. Any hub instance may run it: the lock and the
    /// delete in the same transaction mean each entry is linked once.
    /// </summary>
    public async Task<int> ChainStagedAsync(int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@Lock)", new { Lock = PostgresAppendLock }, transaction).ConfigureAwait(false);
        var staged = (await connection.QueryAsync<(long Id, string Entry)>(
            "SELECT id, entry FROM delivery_log_staged ORDER BY id LIMIT @Max", new { Max = max }, transaction).ConfigureAwait(false)).ToList();
        if (staged.Count == 0)
            return 0;
        await LinkAsync(staged.Select(s => JsonSerializer.Deserialize<DeliveryLogEntry>(s.Entry, StagedJson)!).ToList(), connection, transaction).ConfigureAwait(false);
        await connection.ExecuteAsync($"DELETE FROM delivery_log_staged WHERE {database.OneOf("id", "Ids")}",
            new { Ids = staged.Select(s => s.Id).ToArray() }, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return staged.Count;
    }

    /// <summary>Entries committed but not yet linked (PostgreSQL; always 0 on SQLite).</summary>
    public async Task<long> StagedCountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM delivery_log_staged").ConfigureAwait(false);
    }

    /// <summary>Links entries after the current last one. The caller holds the only right to append (lock or single writer).</summary>
    static async Task LinkAsync(IReadOnlyList<DeliveryLogEntry> entries, DbConnection connection, DbTransaction transaction)
    {
        var last = await connection.QuerySingleOrDefaultAsync<(long Seq, string EntryHash)?>(
            "SELECT seq, entry_hash FROM delivery_log ORDER BY seq DESC LIMIT 1", transaction: transaction).ConfigureAwait(false);
        // The sequence number is chosen here, under the lock, rather than by the identity: a rolled-back
        // transaction must not leave a gap that verification would report as a missing entry.
        var (seq, previous) = (last?.Seq ?? 0, last?.EntryHash ?? ChainHash.Genesis);
        var rows = new List<DeliveryLogRow>(entries.Count);
        foreach (var entry in entries)
        {
            var row = DeliveryLogRow.From(entry, ++seq, previous);
            rows.Add(row);
            previous = row.EntryHash;
        }
        await connection.ExecuteAsync(
            """
            INSERT INTO delivery_log (seq, at_ms, message_id, handover_id, sender, receiver, kind, purpose, legal_basis,
              subject_key, payload_sha256, outcome, channel, prev_hash, entry_hash)
            VALUES (@Seq, @AtMs, @MessageId, @HandoverId, @Sender, @Receiver, @Kind, @Purpose, @LegalBasis,
              @SubjectKey, @PayloadSha256, @Outcome, @Channel, @PrevHash, @EntryHash)
            """, rows, transaction).ConfigureAwait(false);
    }
}
