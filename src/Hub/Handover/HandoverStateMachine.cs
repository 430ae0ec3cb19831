using System.Linq.Expressions;
using IntegrationHub.Contracts.Messages;
using MassTransit;

namespace IntegrationHub.Hub.Handover;

/// <summary>
/// The lifecycle of one handover (BRIEF.md §3), enforced: delivered to the receiver, watched until
/// receipt and start of care, escalated when a deadline passes. The sender holds the case until care
/// starts; a rejection returns it at once; withdrawal is possible until care starts.
/// </summary>
public sealed class HandoverStateMachine : MassTransitStateMachine<HandoverState>
{
    readonly HandoverSteps _steps;

    public HandoverStateMachine(HandoverSteps steps)
    {
        _steps = steps;
        InstanceState(x => x.CurrentState);

        // Feedback can overtake the submission it answers (both leave the outbox in one batch, or the
        // submission's row is still held by a crashed instance): it is deferred until the saga exists.
        Event(() => HandoverSubmitted, e => e.CorrelateById(m => m.Message.HandoverId));
        ForExistingHandover(() => HandoverDelivered, m => m.HandoverId);
        ForExistingHandover(() => ReceiptConfirmed, m => m.HandoverId);
        ForExistingHandover(() => HandoverRejected, m => m.HandoverId);
        ForExistingHandover(() => CareStarted, m => m.HandoverId);
        ForExistingHandover(() => ProgressReported, m => m.HandoverId);
        ForExistingHandover(() => CareEnded, m => m.HandoverId);
        ForExistingHandover(() => HandoverWithdrawn, m => m.HandoverId);
        ForExistingHandover(() => DeadlineReached, m => m.HandoverId);

        Initially(
            When(HandoverSubmitted)
                .Then(c => steps.Accept(c.Saga, c.Message))
                .TransitionTo(Submitted));

        During(Submitted,
            When(HandoverDelivered)
                .Then(c => steps.RecordDelivery(c.Saga, c.Message))
                .TransitionTo(Delivered));

        // Feedback may overtake the delivery report: the receiver answers before the hub heard the broker's ack.
        During(Submitted, Delivered,
            When(ReceiptConfirmed).IfElse(FromReceiver,
                ok => ok.Then(c => steps.ConfirmReceipt(c.Saga, c.Message)).TransitionTo(Received),
                WrongAgency));

        During(Submitted, Delivered, Received,
            // Care started before receipt counts as receipt too.
            When(CareStarted).IfElse(FromReceiver,
                ok => ok.Then(c => steps.StartCare(c.Saga, c.Message)).TransitionTo(InCare),
                WrongAgency),
            When(HandoverRejected).IfElse(FromReceiver,
                ok => ok.Then(c => steps.Reject(c.Saga, c.Message)).TransitionTo(Rejected),
                WrongAgency),
            When(HandoverWithdrawn).IfElse(FromSender,
                ok => ok.Then(c => steps.Withdraw(c.Saga, c.Message)).TransitionTo(Withdrawn),
                WrongAgency));

        During(InCare,
            When(ProgressReported).IfElse(FromReceiver,
                ok => ok.Then(c => steps.RecordProgress(c.Saga, c.Message)),
                WrongAgency),
            When(CareEnded).IfElse(FromReceiver,
                ok => ok.Then(c => steps.EndCare(c.Saga, c.Message)).TransitionTo(CareCompleted),
                WrongAgency));

        // Late copies of what already happened change nothing.
        During(Delivered, Received, InCare, Ignore(HandoverDelivered));
        During(CareCompleted, Rejected, Withdrawn, Ignore(HandoverDelivered));
        During(InCare, Ignore(ReceiptConfirmed));
        DuringAny(Ignore(HandoverSubmitted));

        During(Submitted, Delivered, Received, InCare,
            When(DeadlineReached)
                .Then(c => steps.CheckDeadlines(c.Saga)));
        During(CareCompleted, Rejected, Withdrawn, Ignore(DeadlineReached));

        // Feedback that does not fit the state is refused on record, never silently.
        OnUnhandledEvent(c =>
        {
            steps.RecordRefusal(c.Saga, c.Event.Name, null, c.CurrentState.Name);
            return c.Ignore();
        });
    }

    /// <summary>An event about a handover the saga should already hold; if it does not yet, it is deferred.</summary>
    void ForExistingHandover<T>(Expression<Func<Event<T>>> @event, Func<T, Guid> handoverId) where T : class =>
        Event(@event, e =>
        {
            e.CorrelateById(m => handoverId(m.Message));
            e.OnMissingInstance(m => m.ExecuteAsync(c => MissingHandover.DeferAsync(c, handoverId(c.Message))));
        });

    /// <summary>Only the receiver answers a handover.</summary>
    static bool FromReceiver<T>(BehaviorContext<HandoverState, T> c) where T : FeedbackEvent => c.Message.By == c.Saga.Receiver;

    /// <summary>Only the sender may withdraw it.</summary>
    static bool FromSender<T>(BehaviorContext<HandoverState, T> c) where T : FeedbackEvent => c.Message.By == c.Saga.Sender;

    /// <summary>Feedback from an agency that may not give it: refused on record, the state unchanged.</summary>
    EventActivityBinder<HandoverState, T> WrongAgency<T>(EventActivityBinder<HandoverState, T> binder) where T : FeedbackEvent =>
        binder.Then(c => _steps.RecordRefusal(c.Saga, typeof(T).Name, c.Message.By));

    public State Submitted { get; private set; } = null!;
    public State Delivered { get; private set; } = null!;
    public State Received { get; private set; } = null!;
    public State InCare { get; private set; } = null!;
    public State CareCompleted { get; private set; } = null!;
    public State Rejected { get; private set; } = null!;
    public State Withdrawn { get; private set; } = null!;

    public Event<HandoverSubmitted> HandoverSubmitted { get; private set; } = null!;
    public Event<HandoverDelivered> HandoverDelivered { get; private set; } = null!;
    public Event<ReceiptConfirmed> ReceiptConfirmed { get; private set; } = null!;
    public Event<HandoverRejected> HandoverRejected { get; private set; } = null!;
    public Event<CareStarted> CareStarted { get; private set; } = null!;
    public Event<ProgressReported> ProgressReported { get; private set; } = null!;
    public Event<CareEnded> CareEnded { get; private set; } = null!;
    public Event<HandoverWithdrawn> HandoverWithdrawn { get; private set; } = null!;
    public Event<DeadlineReached> DeadlineReached { get; private set; } = null!;
}
