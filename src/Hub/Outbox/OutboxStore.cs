using System.Data.Common;
using Dapper;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Outbox;

/// <summary>The outbox table: rows written inside a caller's transaction, claimed and marked by the dispatcher.</summary>
public sealed class OutboxStore(HubDatabase database, IDeliveryLog deliveryLog, Hosting.HubOptions options)
{
    /// <summary>How long a claimed row is left to one dispatcher before another may take it over (Hub:Outbox:ClaimTime).</summary>
    /// <remarks>Short, because a crashed hub's claims hold its rows back for this long after a restart.</remarks>
    TimeSpan ClaimTime => options.Outbox.ClaimTime;

    /// <param name="notBefore">Hold the rows back until then (a deferred message); default: send at once.</param>
    /// <remarks>A message id already in the outbox is not added again: a message derived deterministically (one
    /// e-mail for several mails of one event) is sent once.</remarks>
    public static async Task AddAsync(WriteScope scope, IEnumerable<OutgoingMessage> messages, DateTimeOffset? notBefore = null)
    {
        var now = Epoch.Ms(LeaseClock.Now);
        foreach (var m in messages)
            await scope.ExecuteAsync(
                "INSERT INTO outbox (message_id, destination, message_type, body, created_at, locked_until) VALUES (@p0, @p1, @p2, @p3, @p4, @p5) ON CONFLICT (message_id) DO NOTHING",
                m.MessageId.ToString(), m.Destination, m.MessageType, m.Body, now, Epoch.Ms(notBefore)).ConfigureAwait(false);
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> pending rows for this dispatcher. A conditional update is the
    /// claim, so two hub instances on one database never send the same row at the same time.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedRow>> ClaimAsync(int max, CancellationToken cancellationToken)
    {
        var now = LeaseClock.Now;
        var token = Guid.NewGuid().ToString();
        var rows = await database.WriteAsync(async scope =>
        {
            var (connection, tx) = (scope.Connection, scope.Transaction);
            var candidates = (await connection.QueryAsync<long>(
                $"""
                SELECT id FROM outbox
                WHERE dispatched_at IS NULL AND (locked_until IS NULL OR locked_until < @Now)
                ORDER BY id LIMIT @Max {database.ForUpdateSkipLocked}
                """, new { Now = Epoch.Ms(now), Max = max }, tx).ConfigureAwait(false)).ToArray();
            if (candidates.Length == 0)
                return [];

            await connection.ExecuteAsync(
                $"""
                UPDATE outbox SET locked_until = @Until, claim_token = @Token, attempts = attempts + 1
                WHERE {database.OneOf("id", "Ids")} AND dispatched_at IS NULL AND (locked_until IS NULL OR locked_until < @Now)
                """,
                new { Ids = candidates, Until = Epoch.Ms(now + ClaimTime), Now = Epoch.Ms(now), Token = token }, tx).ConfigureAwait(false);
            // Read back by id: the claim token has no index, and looking it up among the unsent rows walked all of them
            // for every batch, so a backlog of a million notices cost a million rows read per 500 sent.
            return (await connection.QueryAsync<Row>(
                $"""
                SELECT id, message_id, destination, message_type, body, CAST(attempts AS BIGINT) AS attempts, created_at, last_error
                FROM outbox WHERE {database.OneOf("id", "Ids")} AND claim_token = @Token AND dispatched_at IS NULL ORDER BY id
                """,
                new { Ids = candidates, Token = token }, tx).ConfigureAwait(false)).ToList();
        }, cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new ClaimedRow(r.id, new OutgoingMessage(Guid.Parse(r.message_id), r.destination, r.message_type, r.body),
            (int)r.attempts, Epoch.At(r.created_at), token, r.last_error)).ToList();
    }

    /// <summary>Holds claimed rows for longer (a slow check before sending them); returns those the claim still holds.</summary>
    public async Task<IReadOnlySet<long>> ExtendClaimAsync(IReadOnlyCollection<long> ids, string claimToken, TimeSpan holdFor, CancellationToken cancellationToken)
    {
        var idList = ids.ToArray();
        var held = await database.WriteAsync(async scope =>
        {
            // Rows locked in id order, as marking locks them.
            if (database.ForUpdate.Length > 0)
                await scope.Connection.ExecuteAsync($"SELECT id FROM outbox WHERE {database.OneOf("id", "Ids")} ORDER BY id {database.ForUpdate}",
                    new { Ids = idList }, scope.Transaction).ConfigureAwait(false);
            return (await scope.Connection.QueryAsync<long>(
                $"UPDATE outbox SET locked_until = @Until WHERE {database.OneOf("id", "Ids")} AND claim_token = @Token AND dispatched_at IS NULL RETURNING id",
                new { Ids = idList, Token = claimToken, Until = Epoch.Ms(LeaseClock.Now + holdFor) }, scope.Transaction).ConfigureAwait(false)).ToList();
        }, cancellationToken).ConfigureAwait(false);
        return held.ToHashSet();
    }

    /// <summary>Marks rows sent and appends their delivery-log entries, with <paramref name="alongside"/>, in one transaction.</summary>
    public async Task MarkDispatchedAsync(IReadOnlyCollection<long> ids, IReadOnlyList<DeliveryLogEntry> logEntries, Func<WriteScope, Task>? alongside,
        CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
            return;
        var idList = ids.ToArray();
        await database.WriteAsync(async scope =>
        {
            // Rows locked in id order, as every claimer locks them, so marking and claiming never deadlock.
            if (database.ForUpdate.Length > 0)
                await scope.Connection.ExecuteAsync($"SELECT id FROM outbox WHERE {database.OneOf("id", "Ids")} ORDER BY id {database.ForUpdate}",
                    new { Ids = idList }, scope.Transaction).ConfigureAwait(false);
            await scope.Connection.ExecuteAsync($"UPDATE outbox SET dispatched_at = @Now, claim_token = NULL, last_error = NULL WHERE {database.OneOf("id", "Ids")}",
                new { Ids = idList, Now = Epoch.Ms(LeaseClock.Now) }, scope.Transaction).ConfigureAwait(false);
            await deliveryLog.AppendManyAsync(logEntries, scope.Connection, scope.Transaction).ConfigureAwait(false);
            if (alongside is not null)
                await alongside(scope).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A failed send: keep the reason for the operator and let the row be retried after its claim expires.</summary>
    public async Task MarkFailedAsync(long id, string error, CancellationToken cancellationToken)
    {
        await database.WriteAsync(async scope =>
        {
            // Back off exponentially per attempt (1 s, 2 s, 4 s ... at most Hub:Outbox:MaxBackoff): a broker or webhook
            // down for hours is retried for hours, without a retry storm; nothing is given up.
            var attempts = await scope.Connection.ExecuteScalarAsync<int>("SELECT attempts FROM outbox WHERE id = @Id", new { Id = id }, scope.Transaction).ConfigureAwait(false);
            var backoff = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(30, Math.Max(0, attempts - 1))), options.Outbox.MaxBackoff.TotalSeconds));
            await scope.Connection.ExecuteAsync("UPDATE outbox SET last_error = @Error, claim_token = NULL, locked_until = @Until WHERE id = @Id",
                new { Id = id, Error = error.Length > 2000 ? error[..2000] : error, Until = Epoch.Ms(LeaseClock.Now + backoff) }, scope.Transaction).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Parked rows stay in the table, unsent and never claimed again, until an operator acts on them.</summary>
    public async Task MarkParkedAsync(long id, string reason, CancellationToken cancellationToken)
    {
        await database.WriteAsync(scope => scope.Connection.ExecuteAsync("UPDATE outbox SET last_error = @Error, claim_token = NULL, locked_until = @Never WHERE id = @Id",
            new { Id = id, Error = ParkedPrefix + (reason.Length > 2000 ? reason[..2000] : reason), Never = long.MaxValue }, scope.Transaction), cancellationToken).ConfigureAwait(false);
    }

    public const string ParkedPrefix = "parked: ";

    public async Task<IReadOnlyList<ParkedMessage>> ParkedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Id, string MessageId, string Destination, string MessageType, long CreatedAt, int Attempts, string LastError)>(
            "SELECT id, message_id, destination, message_type, created_at, attempts, last_error FROM outbox WHERE dispatched_at IS NULL AND last_error LIKE 'parked: %' ORDER BY id").ConfigureAwait(false);
        return rows.Select(r => new ParkedMessage(r.Id, Guid.Parse(r.MessageId), r.Destination, r.MessageType, Epoch.At(r.CreatedAt), r.Attempts, r.LastError[ParkedPrefix.Length..])).ToList();
    }

    public async Task<long> PendingCountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL AND (last_error IS NULL OR last_error NOT LIKE 'parked: %')").ConfigureAwait(false);
    }

public sealed record ParkedMessage(long Id, Guid MessageId, string Destination, string MessageType, DateTimeOffset CreatedAt, int Attempts, string Reason);

#pragma warning disable IDE1006 // column names as Dapper maps them
    sealed record Row(long id, string message_id, string destination, string message_type, string body, long attempts, long created_at, string? last_error);
#pragma warning restore IDE1006
}
