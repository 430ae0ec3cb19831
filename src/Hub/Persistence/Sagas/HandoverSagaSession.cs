using System.Data.Common;
using Dapper;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Outbox;

namespace IntegrationHub.Hub.Persistence.Sagas;

/// <summary>
/// One transaction around one saga step: the inbox mark, the state and the outbox rows it produced
/// commit together or not at all.
/// </summary>
public sealed class HandoverSagaSession : IAsyncDisposable
{
    readonly DbConnection _connection;
    readonly DbTransaction _transaction;

    HandoverSagaSession(DbConnection connection, DbTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<HandoverSagaSession> BeginAsync(HubDatabase database, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new HandoverSagaSession(connection, await database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Records the message as handled by <paramref name="consumer"/>; false when it was handled before.</summary>
    public async Task<bool> TryMarkInboxAsync(string consumer, Guid messageId) =>
        await _connection.ExecuteAsync(
            "INSERT INTO inbox (consumer, message_id, received_at) VALUES (@Consumer, @MessageId, @Now) ON CONFLICT DO NOTHING",
            new { Consumer = consumer, MessageId = messageId.ToString(), Now = Epoch.Ms(DateTimeOffset.UtcNow) }, _transaction).ConfigureAwait(false) == 1;

    public async Task<HandoverState?> LoadAsync(Guid correlationId)
    {
        var row = await _connection.QuerySingleOrDefaultAsync<(string Data, int Version)>(
            "SELECT data, version FROM handovers WHERE correlation_id = @Id",
            new { Id = correlationId.ToString() }, _transaction).ConfigureAwait(false);
        if (row.Data is null)
            return null;
        var state = SagaJson.Read(row.Data);
        state.Version = row.Version;
        return state;
    }

    public async Task InsertAsync(HandoverState state)
    {
        state.Version = 1;
        try
        {
            await _connection.ExecuteAsync(
                """
                INSERT INTO handovers (correlation_id, current_state, version, sender, receiver, urgency, submitted_at, updated_at,
                                       next_due_at, overdue, open_escalation_level, data)
                VALUES (@Id, @State, @Version, @Sender, @Receiver, @Urgency, @SubmittedAt, @UpdatedAt, @NextDueAt, @Overdue, @Level, @Data)
                """, Parameters(state), _transaction).ConfigureAwait(false);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new SagaConcurrencyConflictException(state.CorrelationId, "another step created this handover first");
        }
        await FlushOutgoingAsync(state).ConfigureAwait(false);
    }

    /// <summary>Optimistic concurrency: the update only lands on the version that was loaded.</summary>
    public async Task UpdateAsync(HandoverState state)
    {
        var loaded = state.Version;
        state.Version = loaded + 1;
        var parameters = Parameters(state);
        parameters.Add("Loaded", loaded);
        var updated = await _connection.ExecuteAsync(
            """
            UPDATE handovers SET current_state = @State, version = @Version, updated_at = @UpdatedAt, next_due_at = @NextDueAt,
                   overdue = @Overdue, open_escalation_level = @Level, data = @Data
            WHERE correlation_id = @Id AND version = @Loaded
            """, parameters, _transaction).ConfigureAwait(false);
        if (updated != 1)
        {
            state.Version = loaded;
            throw new SagaConcurrencyConflictException(state.CorrelationId, $"version {loaded} was changed by another step");
        }
        await FlushOutgoingAsync(state).ConfigureAwait(false);
    }

    /// <summary>When the handover's document was accepted, if it was: its saga may simply not have started yet.</summary>
    public async Task<DateTimeOffset?> DocumentAcceptedAtAsync(Guid handoverId)
    {
        var at = await _connection.QuerySingleOrDefaultAsync<long?>(
            "SELECT received_at FROM handover_documents WHERE handover_id = @Id", new { Id = handoverId.ToString() }, _transaction).ConfigureAwait(false);
        return Epoch.At(at);
    }

    /// <summary>Puts a message back in the outbox, held until <paramref name="notBefore"/>, in this step's transaction.</summary>
    public Task DeferAsync(OutgoingMessage message, DateTimeOffset notBefore) =>
        OutboxStore.AddAsync(_connection, _transaction, [message], notBefore);

    public async Task CommitAsync() => await _transaction.CommitAsync().ConfigureAwait(false);

    async Task FlushOutgoingAsync(HandoverState state)
    {
        await OutboxStore.AddAsync(_connection, _transaction, state.Outgoing).ConfigureAwait(false);
        state.Outgoing.Clear();
    }

    static DynamicParameters Parameters(HandoverState s)
    {
        var p = new DynamicParameters();
        p.Add("Id", s.CorrelationId.ToString());
        p.Add("State", s.CurrentState);
        p.Add("Version", s.Version);
        p.Add("Sender", s.Sender);
        p.Add("Receiver", s.Receiver);
        p.Add("Urgency", s.Urgency);
        p.Add("SubmittedAt", Epoch.Ms(s.SubmittedAt));
        p.Add("UpdatedAt", Epoch.Ms(DateTimeOffset.UtcNow));
        p.Add("NextDueAt", Epoch.Ms(s.NextDueAt));
        p.Add("Overdue", s.IsOverdue ? 1 : 0);
        p.Add("Level", s.OpenEscalationLevel);
        p.Add("Data", SagaJson.Write(s));
        return p;
    }

    static bool IsUniqueViolation(DbException e) =>
        e is Npgsql.PostgresException { SqlState: "23505" } || e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 };

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>Two steps raced on one handover; MassTransit's retry runs the loser again on fresh state.</summary>
public sealed class SagaConcurrencyConflictException(Guid correlationId, string detail)
    : Exception($"handover {correlationId}: {detail}");
