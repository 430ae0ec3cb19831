using System.Data.Common;
using Dapper;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Reports;

namespace IntegrationHub.Hub.Persistence.Sagas;

/// <summary>
/// The handovers table: each handover's saga state as JSON, with the columns operators and the deadline sweep
/// query by. Reads outside a write see the last committed version; writes land only on the version that was
/// read (optimistic concurrency), and write what the step sends to the outbox in the same unit.
/// </summary>
public sealed class HandoverStore(HubDatabase database, CovenantBook covenants, TimeProvider clock)
{
    const string Columns = "correlation_id AS Id, data AS Data, version AS Version";

    public async Task<HandoverState?> LoadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await LoadAsync(connection, null, id, forUpdate: false).ConfigureAwait(false);
    }

    /// <summary>Inside a write: the row as this transaction sees it, locked against other writers on PostgreSQL.</summary>
    public Task<HandoverState?> LoadForUpdateAsync(WriteScope scope, Guid id) => LoadAsync(scope.Connection, scope.Transaction, id, forUpdate: true);

    /// <summary>Many handovers' stored JSON and versions, read in one query; decoding is left to the caller (it may use every core).</summary>
    public async Task<IReadOnlyList<StoredHandover>> LoadManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0)
            return [];
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>($"SELECT {Columns} FROM handovers WHERE {database.OneOf("correlation_id", "Ids")}",
            new { Ids = ids.Select(i => i.ToString()).ToArray() }).ConfigureAwait(false);
        return rows.Select(r => new StoredHandover(Guid.Parse(r.Id), r.Data, (int)r.Version)).ToList();
    }

    /// <summary>
    /// Leases up to <paramref name="max"/> handovers due by <paramref name="dueBy"/> (domain time) to this sweeper
    /// for <paramref name="lease"/> from <paramref name="leaseNow"/> (the machine's clock, <see cref="LeaseClock"/>),
    /// skipping those another sweeper holds; the lease ends with the step's write.
    /// </summary>
    public Task<IReadOnlyList<Guid>> ClaimDueAsync(DateTimeOffset dueBy, DateTimeOffset leaseNow, TimeSpan lease, int max, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<Guid>>(async scope =>
        {
            var ids = await scope.Connection.QueryAsync<string>(
                $"""
                UPDATE handovers SET due_claimed_at = @Until
                WHERE correlation_id IN (
                    SELECT correlation_id FROM handovers
                    WHERE next_due_at <= @DueBy AND (due_claimed_at IS NULL OR due_claimed_at < @LeaseNow)
                    ORDER BY next_due_at LIMIT @Max {database.ForUpdateSkipLocked})
                RETURNING correlation_id
                """, new { DueBy = Epoch.Ms(dueBy), LeaseNow = Epoch.Ms(leaseNow), Until = Epoch.Ms(leaseNow + lease), Max = max }, scope.Transaction)
                .ConfigureAwait(false);
            return ids.Select(Guid.Parse).ToList();
        }, cancellationToken);

    async Task<HandoverState?> LoadAsync(DbConnection connection, DbTransaction? transaction, Guid id, bool forUpdate)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM handovers WHERE correlation_id = @Id {(forUpdate ? database.ForUpdate : "")}",
            new { Id = id.ToString() }, transaction).ConfigureAwait(false);
        return row?.ToState();
    }

    /// <summary>Whether the row is still at the version <paramref name="state"/> was read at.</summary>
    public async Task<bool> IsAtVersionAsync(WriteScope scope, HandoverState state) =>
        await scope.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM handovers WHERE correlation_id = @Id AND version = @Version",
            new { Id = state.CorrelationId.ToString(), state.Version }, scope.Transaction).ConfigureAwait(false) == 1;

    /// <summary>What the handover counts for in the read model now: taken before a step, so the step's difference can be written.</summary>
    public HandoverFigures Figures(HandoverState state) => HandoverFigures.Of(state, covenants);

    /// <summary>A new handover; false when one with this id exists already.</summary>
    public async Task<bool> TryInsertAsync(WriteScope scope, HandoverState state, IReadOnlyList<OutgoingMessage> sent)
    {
        state.Version = 1;
        var inserted = await scope.Connection.ExecuteAsync(
            """
            INSERT INTO handovers (correlation_id, current_state, version, sender, receiver, urgency, submitted_at, updated_at,
                                   next_due_at, overdue, open_escalation_level, municipality, closed_at, data)
            VALUES (@Id, @State, @Version, @Sender, @Receiver, @Urgency, @SubmittedAt, @UpdatedAt, @NextDueAt, @Overdue, @Level, @Municipality,
                    @ClosedAt, @Data)
            ON CONFLICT DO NOTHING
            """, Parameters(state), scope.Transaction).ConfigureAwait(false);
        if (inserted == 0)
            return false;
        await OutboxStore.AddAsync(scope, sent).ConfigureAwait(false);
        scope.State<ReportDeltas>().Add(null, Figures(state));
        return true;
    }

    /// <summary>
    /// Writes the state if its row is still at the version it was read at, with what the step sends; false
    /// (and nothing written) when another step got there first. A due-time claim of the sweep ends with it.
    /// </summary>
    /// <param name="before">its figures before the step (<see cref="Figures"/>): the read model gets the difference.</param>
    /// <param name="json">the state already serialised (by a caller that did it outside the write); default: serialised here.</param>
    public async Task<bool> TryUpdateAsync(WriteScope scope, HandoverState state, IReadOnlyList<OutgoingMessage> sent, HandoverFigures before, string? json = null)
    {
        var loaded = state.Version;
        var updated = await scope.ExecuteAsync(
            """
            UPDATE handovers SET current_state = @p0, version = @p1, updated_at = @p2, next_due_at = @p3,
                   due_claimed_at = NULL, overdue = @p4, open_escalation_level = @p5, closed_at = @p6, data = @p7
            WHERE correlation_id = @p8 AND version = @p9
            """,
            state.CurrentState, loaded + 1, Epoch.Ms(clock.GetUtcNow()), Epoch.Ms(state.NextDueAt), state.IsOverdue ? 1 : 0,
            state.OpenEscalationLevel, Epoch.Ms(state.ClosedAt), json ?? SagaJson.Write(state), state.CorrelationId.ToString(), loaded).ConfigureAwait(false);
        if (updated != 1)
            return false;
        state.Version = loaded + 1;
        await OutboxStore.AddAsync(scope, sent).ConfigureAwait(false);
        scope.State<ReportDeltas>().Add(before, Figures(state));
        return true;
    }

    DynamicParameters Parameters(HandoverState s, string? json = null)
    {
        var p = new DynamicParameters();
        p.Add("Id", s.CorrelationId.ToString());
        p.Add("State", s.CurrentState);
        p.Add("Version", s.Version);
        p.Add("Sender", s.Sender);
        p.Add("Receiver", s.Receiver);
        p.Add("Urgency", s.Urgency);
        p.Add("SubmittedAt", Epoch.Ms(s.SubmittedAt));
        p.Add("UpdatedAt", Epoch.Ms(clock.GetUtcNow()));
        p.Add("NextDueAt", Epoch.Ms(s.NextDueAt));
        p.Add("Overdue", s.IsOverdue ? 1 : 0);
        p.Add("Level", s.OpenEscalationLevel);
        p.Add("Municipality", s.Municipality);
        p.Add("ClosedAt", Epoch.Ms(s.ClosedAt));
        p.Add("Data", json ?? SagaJson.Write(s));
        return p;
    }

    /// <summary>A handover as stored: its JSON and the version it is at.</summary>
    public sealed record StoredHandover(Guid Id, string Data, int Version)
    {
        public HandoverState Decode()
        {
            var state = SagaJson.Read(Data);
            state.Version = Version;
            return state;
        }
    }

    sealed class Row
    {
        public string Id { get; set; } = "";
        public string Data { get; set; } = "";
        public long Version { get; set; }

        public HandoverState ToState()
        {
            var state = SagaJson.Read(Data);
            state.Version = (int)Version;
            return state;
        }
    }
}
