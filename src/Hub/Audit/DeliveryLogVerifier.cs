using Dapper;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Audit;

/// <summary>
/// Walks the delivery log in sequence order and recomputes every link. Reads the database only, so an
/// auditor can run it without trusting the running hub.
/// </summary>
public sealed class DeliveryLogVerifier(HubDatabase database)
{
    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = connection.QueryUnbufferedAsync<DeliveryLogRow>($"SELECT {DeliveryLogRow.Columns} FROM delivery_log ORDER BY seq");
        var verifier = new Walk();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            if (verifier.Check(row) is { } broken)
                return new ChainVerification(verifier.Count, verifier.LastHash, broken);
        return new ChainVerification(verifier.Count, verifier.LastHash, null);
    }

    /// <summary>The chain's rules, one row at a time, so they can be checked without a database too.</summary>
    public sealed class Walk
    {
        public long Count { get; private set; }
        public string LastHash { get; private set; } = ChainHash.Genesis;

        public ChainBreak? Check(DeliveryLogRow row)
        {
            var expected = Count + 1;
            if (row.Seq != expected)
                return new ChainBreak(row.Seq, ChainBreakKind.SequenceGap, row.Seq > expected
                    ? $"expected entry {expected} next; entries {expected}..{row.Seq - 1} are missing"
                    : $"expected entry {expected} next, found {row.Seq}");
            if (!string.Equals(row.PrevHash, LastHash, StringComparison.Ordinal))
                return new ChainBreak(row.Seq, ChainBreakKind.PrevHashDoesNotLink, $"prev_hash {row.PrevHash} is not the previous entry's hash {LastHash}");
            var recomputed = ChainHash.Of(row);
            if (!string.Equals(row.EntryHash, recomputed, StringComparison.Ordinal))
                return new ChainBreak(row.Seq, ChainBreakKind.HashMismatch, $"stored entry_hash {row.EntryHash}, fields hash to {recomputed}");
            Count = expected;
            LastHash = row.EntryHash;
            return null;
        }
    }
}
