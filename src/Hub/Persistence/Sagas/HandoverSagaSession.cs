using System.Data.Common;
using Dapper;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Outbox;

namespace IntegrationHub.Hub.Persistence.Sagas;

/// <summary>
/// One saga step against the database. Reads (the inbox check, the state) go straight to the database;
/// writes (the inbox mark, the new state and the outbox rows it produced) are collected and committed
/// together in one short write at the end, or not at all. The version on the row guards the gap between
/// reading and writing: a step that lost a race fails and MassTransit's retry runs it again on fresh state.
/// </summary>
public sealed class HandoverSagaSession : IAsyncDisposable
{
    readonly HubDatabase _database;
    readonly DbConnection _connection;
    readonly List<Func<WriteScope, Task>> _writes = [];
    (string Consumer, Guid MessageId)? _inbox;

    HandoverSagaSession(HubDatabase database, TimeProvider clock, DbConnection connection)
    {
        _database = database;
        Clock = clock;
        _connection = connection;
    }

    public static async Task<HandoverSagaSession> BeginAsync(HubDatabase database, TimeProvider clock, CancellationToken cancellationToken) =>
        new(database, clock, await database.OpenAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>The hub's one clock: every time this step stores or compares with a stored time comes from it.</summary>
    public TimeProvider Clock { get; }

    /// <summary>
    /// False when <paramref name="consumer"/> has handled the message before. Otherwise the mark is written
    /// with the step; if a second copy of the message commits first, this step's writes are dropped.
    /// </summary>
    public async Task<bool> TryMarkInboxAsync(string consumer, Guid messageId)
    {
        var seen = await _connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM inbox WHERE consumer = @Consumer AND message_id = @MessageId",
            new { Consumer = consumer, MessageId = messageId.ToString() }).ConfigureAwait(false);
        if (seen > 0)
            return false;
        _inbox = (consumer, messageId);
        return true;
    }

    public async Task<HandoverState?> LoadAsync(Guid correlationId)
    {
        var row = await _connection.QuerySingleOrDefaultAsync<(string Data, int Version)>(
            "SELECT data, version FROM handovers WHERE correlation_id = @Id",
            new { Id = correlationId.ToString() }).ConfigureAwait(false);
        if (row.Data is null)
            return null;
        var state = SagaJson.Read(row.Data);
        state.Version = row.Version;
        return state;
    }

    public Task InsertAsync(HandoverState state)
    {
        state.Version = 1;
        var parameters = Parameters(state, Clock.GetUtcNow());
        var outgoing = TakeOutgoing(state);
        _writes.Add(async scope =>
        {
            try
            {
                await scope.Connection.ExecuteAsync(
                    """
                    INSERT INTO handovers (correlation_id, current_state, version, sender, receiver, urgency, submitted_at, updated_at,
                                           next_due_at, overdue, open_escalation_level, data)
                    VALUES (@Id, @State, @Version, @Sender, @Receiver, @Urgency, @SubmittedAt, @UpdatedAt, @NextDueAt, @Overdue, @Level, @Data)
                    """, parameters, scope.Transaction).ConfigureAwait(false);
            }
            catch (DbException e) when (IsUniqueViolation(e))
            {
                throw new SagaConcurrencyConflictException(state.CorrelationId, "another step created this handover first");
            }
            await OutboxStore.AddAsync(scope.Connection, scope.Transaction, outgoing).ConfigureAwait(false);
        });
        return Task.CompletedTask;
    }

    /// <summary>Optimistic concurrency: the update only lands on the version that was loaded.</summary>
    public Task UpdateAsync(HandoverState state)
    {
        var loaded = state.Version;
        state.Version = loaded + 1;
        var parameters = Parameters(state, Clock.GetUtcNow());
        parameters.Add("Loaded", loaded);
        var outgoing = TakeOutgoing(state);
        _writes.Add(async scope =>
        {
            var updated = await scope.Connection.ExecuteAsync(
                """
                UPDATE handovers SET current_state = @State, version = @Version, updated_at = @UpdatedAt, next_due_at = @NextDueAt,
                       overdue = @Overdue, open_escalation_level = @Level, data = @Data
                WHERE correlation_id = @Id AND version = @Loaded
                """, parameters, scope.Transaction).ConfigureAwait(false);
            if (updated != 1)
                throw new SagaConcurrencyConflictException(state.CorrelationId, $"version {loaded} was changed by another step");
            await OutboxStore.AddAsync(scope.Connection, scope.Transaction, outgoing).ConfigureAwait(false);
        });
        return Task.CompletedTask;
    }

    /// <summary>When the handover's document was accepted, if it was: its saga may simply not have started yet.</summary>
    public async Task<DateTimeOffset?> DocumentAcceptedAtAsync(Guid handoverId)
    {
        var at = await _connection.QuerySingleOrDefaultAsync<long?>(
            "SELECT received_at FROM handover_documents WHERE handover_id = @Id", new { Id = handoverId.ToString() }).ConfigureAwait(false);
        return Epoch.At(at);
    }

    /// <summary>Puts a message back in the outbox, held until <paramref name="notBefore"/>, with this step's writes.</summary>
    public Task DeferAsync(OutgoingMessage message, DateTimeOffset notBefore)
    {
        _writes.Add(scope => OutboxStore.AddAsync(scope.Connection, scope.Transaction, [message], notBefore));
        return Task.CompletedTask;
    }

    /// <summary>Writes the step: the inbox mark first, so a copy of the message that got there earlier undoes the rest.</summary>
    public async Task CommitAsync()
    {
        if (_inbox is null && _writes.Count == 0)
            return;
        var inbox = _inbox;
        await _database.WriteAsync(async scope =>
        {
            if (inbox is { } mark && await scope.Connection.ExecuteAsync(
                    "INSERT INTO inbox (consumer, message_id, received_at) VALUES (@Consumer, @MessageId, @Now) ON CONFLICT DO NOTHING",
                    new { mark.Consumer, MessageId = mark.MessageId.ToString(), Now = Epoch.Ms(Clock.GetUtcNow()) }, scope.Transaction).ConfigureAwait(false) == 0)
            {
                scope.Abort();
                return;
            }
            foreach (var write in _writes)
                await write(scope).ConfigureAwait(false);
        }).ConfigureAwait(false);
        _writes.Clear();
        _inbox = null;
    }

    static List<OutgoingMessage> TakeOutgoing(HandoverState state)
    {
        var outgoing = state.Outgoing.ToList();
        state.Outgoing.Clear();
        return outgoing;
    }

    static DynamicParameters Parameters(HandoverState s, DateTimeOffset now)
    {
        var p = new DynamicParameters();
        p.Add("Id", s.CorrelationId.ToString());
        p.Add("State", s.CurrentState);
        p.Add("Version", s.Version);
        p.Add("Sender", s.Sender);
        p.Add("Receiver", s.Receiver);
        p.Add("Urgency", s.Urgency);
        p.Add("SubmittedAt", Epoch.Ms(s.SubmittedAt));
        p.Add("UpdatedAt", Epoch.Ms(now));
        p.Add("NextDueAt", Epoch.Ms(s.NextDueAt));
        p.Add("Overdue", s.IsOverdue ? 1 : 0);
        p.Add("Level", s.OpenEscalationLevel);
        p.Add("Data", SagaJson.Write(s));
        return p;
    }

    static bool IsUniqueViolation(DbException e) =>
        e is Npgsql.PostgresException { SqlState: "23505" } || e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 };

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

/// <summary>Two steps raced on one handover; MassTransit's retry runs the loser again on fresh state.</summary>
public sealed class SagaConcurrencyConflictException(Guid correlationId, string detail)
    : Exception($"handover {correlationId}: {detail}");
