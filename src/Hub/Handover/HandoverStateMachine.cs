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
    public HandoverStateMachine(HandoverSteps steps)
    {
        InstanceState(x => x.CurrentState);

        Event(() => HandoverSubmitted, e => e.CorrelateById(m => m.Message.HandoverId));
        Event(() => HandoverDelivered, e => { e.CorrelateById(m => m.Message.HandoverId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => ReceiptConfirmed, e => { e.CorrelateById(m => m.Message.HandoverId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => HandoverRejected, e => { e.CorrelateById(m => m.Message.HandoverId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => CareStarted, e => { e.CorrelateById(m => m.Message.HandoverId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => ProgressReported, e => { e.CorrelateById(m => m.Message.HandoverId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => CareEnded, e => { e.CorrelateById(m => m.Message.HandoverId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => HandoverWithdrawn, e => { e.CorrelateById(m => m.Message.HandoverId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => DeadlineReached, e => { e.CorrelateById(m => m.Message.HandoverId); e.OnMissingInstance(m => m.Discard()); });

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
            When(ReceiptConfirmed, c => c.Message.By == c.Saga.Receiver)
                .Then(c => steps.ConfirmReceipt(c.Saga, c.Message))
                .TransitionTo(Received));

        During(Submitted, Delivered, Received,
            // Care started before receipt counts as receipt too.
            When(CareStarted, c => c.Message.By == c.Saga.Receiver)
                .Then(c => steps.StartCare(c.Saga, c.Message))
                .TransitionTo(InCare),
            When(HandoverRejected, c => c.Message.By == c.Saga.Receiver)
                .Then(c => steps.Reject(c.Saga, c.Message))
                .TransitionTo(Rejected),
            When(HandoverWithdrawn, c => c.Message.By == c.Saga.Sender)
                .Then(c => steps.Withdraw(c.Saga, c.Message))
                .TransitionTo(Withdrawn));

        During(InCare,
            When(ProgressReported, c => c.Message.By == c.Saga.Receiver)
                .Then(c => steps.RecordProgress(c.Saga, c.Message)),
            When(CareEnded, c => c.Message.By == c.Saga.Receiver)
                .Then(c => steps.EndCare(c.Saga, c.Message))
                .TransitionTo(CareCompleted));

        // Late copies of what already happened change nothing.
        During(Delivered, Received, InCare, Ignore(HandoverDelivered));
        During(CareCompleted, Rejected, Withdrawn, Ignore(HandoverDelivered));
        During(InCare, Ignore(ReceiptConfirmed));
        DuringAny(Ignore(HandoverSubmitted));

        During(Submitted, Delivered, Received, InCare,
            When(DeadlineReached)
                .Then(c => steps.CheckDeadlines(c.Saga)));
        During(CareCompleted, Rejected, Withdrawn, Ignore(DeadlineReached));

        // Feedback that does not fit (wrong state or wrong agency) is refused on record, never silently.
        OnUnhandledEvent(c =>
        {
            steps.RecordRefusal(c.Saga, c.Event.Name, c.CurrentState.Name);
            return c.Ignore();
        });
    }

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
