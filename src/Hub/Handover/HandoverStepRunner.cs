using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Persistence.Sagas;

namespace IntegrationHub.Hub.Handover;

/// <summary>
/// Runs handover steps in process, in the unit of work that records what caused them (no broker hop: the
/// database is the source of truth). A step is decided on the state as last committed, outside the write, so
/// steps of many handovers are decided side by side; the write lands only on that version. When another step
/// got there first, the step is decided again inside the write, on the row as the transaction sees it
/// (locked on PostgreSQL), so the decision stored is always the decision made.
/// </summary>
public sealed class HandoverStepRunner(HubDatabase database, HandoverStore store, HandoverMachine machine, OutboxSignal signal)
{
    /// <summary>
    /// One event, decided beforehand: what the write will try to store (<paramref name="Json"/>: the new state,
    /// serialised), or why it could not be decided (<paramref name="Faulted"/>: the write throws it, so the
    /// caller's isolation and fault record see it where the step is written).
    /// </summary>
    public sealed record Prepared(
        Guid HandoverId, object Message, HandoverState? State, StepOutcome? Outcome, string? Json = null, Exception? Faulted = null,
        Reports.HandoverFigures? Before = null, DateTimeOffset? DueBefore = null);

    /// <summary>
    /// Decides each event on the handover's last committed state, decoding, deciding and encoding on every
    /// core (a deadline storm decides thousands at once); unknown handovers give no outcome. Two events for one
    /// handover in one batch: the second is decided on the first's result, inside the write.
    /// </summary>
    public async Task<IReadOnlyList<Prepared>> PrepareAsync(IReadOnlyList<(Guid HandoverId, object Message)> events, CancellationToken cancellationToken)
    {
        var stored = (await store.LoadManyAsync(events.Select(e => e.HandoverId).Distinct().ToList(), cancellationToken).ConfigureAwait(false))
            .ToDictionary(s => s.Id);
        var first = new HashSet<Guid>();
        var decide = events.Select(e => stored.ContainsKey(e.HandoverId) && first.Add(e.HandoverId)).ToArray();
        var prepared = new Prepared[events.Count];
        Parallel.For(0, events.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var (id, message) = events[i];
            if (!decide[i])
            {
                prepared[i] = new Prepared(id, message, null, null);
                return;
            }
            try
            {
                var state = stored[id].Decode();
                var before = store.Figures(state);
                var dueBefore = state.NextDueAt;
                var outcome = machine.Apply(state, message);
                prepared[i] = new Prepared(id, message, state, outcome, outcome is StepOutcome.Applied ? SagaJson.Write(state) : null, Before: before,
                    DueBefore: dueBefore);
            }
            catch (Exception e)
            {
                prepared[i] = new Prepared(id, message, null, null, Faulted: e);
            }
        });
        return prepared;
    }

    /// <summary>
    /// Stores a prepared step within <paramref name="scope"/>: the prepared decision when its version still
    /// holds, else a decision made now on the row as this transaction sees it. Null: no such handover.
    /// </summary>
    public async Task<StepOutcome?> WriteAsync(WriteScope scope, Prepared prepared)
    {
        if (prepared.Faulted is { } fault)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fault);
        if (prepared is { State: { } state, Outcome: StepOutcome.Applied applied, Before: { } figures }
            && await store.TryUpdateAsync(scope, state, applied.Sent, figures, prepared.Json).ConfigureAwait(false))
            return applied;
        if (prepared.Outcome is StepOutcome.Ignored)
            return prepared.Outcome;
        // A refusal decided on a state another step has since moved on from might now fit: decide it again.
        if (prepared is { State: { } read, Outcome: StepOutcome.Refused } && await store.IsAtVersionAsync(scope, read).ConfigureAwait(false))
            return prepared.Outcome;

        var current = await store.LoadForUpdateAsync(scope, prepared.HandoverId).ConfigureAwait(false);
        if (current is null)
            return null;
        var was = store.Figures(current);
        var outcome = machine.Apply(current, prepared.Message);
        if (outcome is StepOutcome.Applied now && !await store.TryUpdateAsync(scope, current, now.Sent, was).ConfigureAwait(false))
            throw new InvalidOperationException($"handover {prepared.HandoverId} changed under its own lock");
        return outcome;
    }

    /// <summary>
    /// One event in a unit of its own, with <paramref name="alongside"/> written in the same unit when the step
    /// is applied (the feedback document, its log entry); <paramref name="alongside"/> answering false undoes
    /// the whole unit (a copy of the message got there first: <see cref="StepOutcome.Ignored"/>).
    /// </summary>
    /// <returns>The decision and the machine state after it; null when there is no such handover.</returns>
    public async Task<(StepOutcome Outcome, string State)?> RunAsync(Guid handoverId, object message, Func<WriteScope, Task<bool>>? alongside,
        CancellationToken cancellationToken)
    {
        var step = message.GetType().Name;
        using var activity = Telemetry.HubTracing.Start("saga step " + step);
        activity?.SetTag(Telemetry.HubTracing.HandoverId, handoverId.ToString()).SetTag(Telemetry.HubTracing.Step, step);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var prepared = (await PrepareAsync([(handoverId, message)], cancellationToken).ConfigureAwait(false))[0];
        if (prepared is { State: null, Faulted: null })
            return null;
        var result = await database.WriteAsync<(StepOutcome? Outcome, string State)>(async scope =>
        {
            var (outcome, state) = await WriteWithStateAsync(scope, prepared).ConfigureAwait(false);
            if (outcome is StepOutcome.Applied && alongside is not null && !await alongside(scope).ConfigureAwait(false))
            {
                scope.Abort();
                return (new StepOutcome.Ignored(), prepared.State?.CurrentState ?? state);
            }
            return (outcome, state);
        }, cancellationToken).ConfigureAwait(false);
        activity?.SetTag(Telemetry.HubTracing.Outcome, result.Outcome?.GetType().Name ?? "unknown handover");
        if (result.Outcome is null)
            return null;
        if (result.Outcome is StepOutcome.Applied)
        {
            Telemetry.HubMetrics.StepCommitted(step, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            signal.Notify();
        }
        return (result.Outcome, result.State);
    }

    async Task<(StepOutcome? Outcome, string State)> WriteWithStateAsync(WriteScope scope, Prepared prepared)
    {
        var outcome = await WriteAsync(scope, prepared).ConfigureAwait(false);
        // After a write the prepared state is the stored one; after a decision inside the write, read what was stored.
        var state = prepared.State is { } s && ReferenceEquals(outcome, prepared.Outcome) ? s.CurrentState
            : (await store.LoadForUpdateAsync(scope, prepared.HandoverId).ConfigureAwait(false))?.CurrentState ?? "";
        return (outcome, state);
    }
}
