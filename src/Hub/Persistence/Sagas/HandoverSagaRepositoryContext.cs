using IntegrationHub.Hub.Handover;
using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;

namespace IntegrationHub.Hub.Persistence.Sagas;

/// <summary>The repository's view of one consumed message: load, insert and update on the step's session.</summary>
sealed class HandoverSagaRepositoryContext<TMessage> : ConsumeContextScope<TMessage>, SagaRepositoryContext<HandoverState, TMessage>
    where TMessage : class
{
    readonly HandoverSagaSession session;
    readonly ConsumeContext<TMessage> consumeContext;
    readonly ISagaConsumeContextFactory<HandoverSagaSession, HandoverState> factory;

    public HandoverSagaRepositoryContext(HandoverSagaSession session, ConsumeContext<TMessage> consumeContext,
        ISagaConsumeContextFactory<HandoverSagaSession, HandoverState> factory)
        : base(consumeContext, session)
    {
        this.session = session;
        this.consumeContext = consumeContext;
        this.factory = factory;
    }

    public Task<SagaConsumeContext<HandoverState, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> context, HandoverState instance, SagaConsumeContextMode mode)
        where T : class =>
        factory.CreateSagaConsumeContext(session, context, instance, mode);

    public Task<SagaConsumeContext<HandoverState, TMessage>> Add(HandoverState instance) =>
        factory.CreateSagaConsumeContext(session, consumeContext, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<HandoverState, TMessage>> Insert(HandoverState instance)
    {
        await session.InsertAsync(instance).ConfigureAwait(false);
        return await factory.CreateSagaConsumeContext(session, consumeContext, instance, SagaConsumeContextMode.Insert).ConfigureAwait(false);
    }

    public async Task<SagaConsumeContext<HandoverState, TMessage>> Load(Guid correlationId)
    {
        var instance = await session.LoadAsync(correlationId).ConfigureAwait(false);
        return instance is null
            ? null!
            : await factory.CreateSagaConsumeContext(session, consumeContext, instance, SagaConsumeContextMode.Load).ConfigureAwait(false);
    }

    public Task Save(SagaConsumeContext<HandoverState> context) => session.InsertAsync(context.Saga);

    public Task Update(SagaConsumeContext<HandoverState> context) => session.UpdateAsync(context.Saga);

    public Task Delete(SagaConsumeContext<HandoverState> context) =>
        throw new NotSupportedException("handovers are kept for the record; they are never deleted");

    public Task Discard(SagaConsumeContext<HandoverState> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<HandoverState> context) => Task.CompletedTask;
}
