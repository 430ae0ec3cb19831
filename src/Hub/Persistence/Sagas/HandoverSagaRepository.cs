using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Outbox;
using MassTransit;
using MassTransit.Middleware;
using MassTransit.Saga;

namespace IntegrationHub.Hub.Persistence.Sagas;

/// <summary>
/// MassTransit saga repository for handovers on the hub's database (SQLite or PostgreSQL), written
/// here because MassTransit.EntityFrameworkCore is not available. Adds what the hub needs around every
/// step: an inbox (a message id is handled once) and an outbox (emitted messages commit with the state).
/// </summary>
public sealed class HandoverSagaRepository(
    HubDatabase database,
    ISagaConsumeContextFactory<HandoverSagaSession, HandoverState> factory,
    OutboxSignal outboxSignal,
    TimeProvider clock) :
    ISagaRepositoryContextFactory<HandoverState>,
    ILoadSagaRepositoryContextFactory<HandoverState>,
    IQuerySagaRepositoryContextFactory<HandoverState>
{
    public const string InboxName = "handover-saga";

    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<HandoverState, T>> next) where T : class
    {
        await using var session = await HandoverSagaSession.BeginAsync(database, clock, context.CancellationToken).ConfigureAwait(false);
        if (context.MessageId is { } messageId && !await session.TryMarkInboxAsync(InboxName, messageId).ConfigureAwait(false))
            return; // handled before: a redelivery or a second dispatch of the same outbox row

        await next.Send(new HandoverSagaRepositoryContext<T>(session, context, factory)).ConfigureAwait(false);
        await session.CommitAsync().ConfigureAwait(false);
        outboxSignal.Notify();
    }

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<HandoverState> query, IPipe<SagaRepositoryQueryContext<HandoverState, T>> next)
        where T : class =>
        throw new NotSupportedException("handover events correlate by handover id; queries are not supported");

    public async Task<T> Execute<T>(Func<LoadSagaRepositoryContext<HandoverState>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        await using var session = await HandoverSagaSession.BeginAsync(database, clock, cancellationToken).ConfigureAwait(false);
        return await asyncMethod(new LoadContext(session, cancellationToken)).ConfigureAwait(false);
    }

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<HandoverState>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        throw new NotSupportedException("handover sagas are queried through the operator API, not MassTransit queries");

    public void Probe(ProbeContext context) => context.Add("persistence", $"hub-{database.Provider}".ToLowerInvariant());

    sealed class LoadContext(HandoverSagaSession session, CancellationToken cancellationToken)
        : BasePipeContext(cancellationToken), LoadSagaRepositoryContext<HandoverState>
    {
        public Task<HandoverState> Load(Guid correlationId) => session.LoadAsync(correlationId)!;
    }
}
