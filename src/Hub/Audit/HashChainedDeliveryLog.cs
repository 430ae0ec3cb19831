using System.Data.Common;
using Dapper;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Audit;

/// <summary>
/// The delivery log as an append-only hash chain in <c>delivery_log</c>: each row carries the hash of
/// the row before it, so a changed, removed or inserted row shows up on verification
/// (<see cref="DeliveryLogVerifier"/>). There is no code path that updates or deletes a row.
/// </summary>
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

    async Task AppendInAsync(DeliveryLogEntry entry, DbConnection connection, DbTransaction transaction)
    {
        if (database.Provider == DatabaseProvider.Postgres)
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@Lock)", new { Lock = PostgresAppendLock }, transaction).ConfigureAwait(false);

        var last = await connection.QuerySingleOrDefaultAsync<(long Seq, string EntryHash)?>(
            "SELECT seq, entry_hash FROM delivery_log ORDER BY seq DESC LIMIT 1", transaction: transaction).ConfigureAwait(false);
        // The sequence number is chosen here, under the lock, rather than by the identity: a rolled-back
        // transaction must not leave a gap that verification would report as a missing entry.
        var row = DeliveryLogRow.From(entry, (last?.Seq ?? 0) + 1, last?.EntryHash ?? ChainHash.Genesis);
        await connection.ExecuteAsync(
            """
            INSERT INTO delivery_log (seq, at_ms, message_id, handover_id, sender, receiver, kind, purpose, legal_basis,
              subject_key, payload_sha256, outcome, channel, prev_hash, entry_hash)
            VALUES (@Seq, @AtMs, @MessageId, @HandoverId, @Sender, @Receiver, @Kind, @Purpose, @LegalBasis,
              @SubjectKey, @PayloadSha256, @Outcome, @Channel, @PrevHash, @EntryHash)
            """, row, transaction).ConfigureAwait(false);
    }
}
