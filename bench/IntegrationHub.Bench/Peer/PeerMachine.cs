using MassTransit;

namespace IntegrationHub.Bench.Peer;

// The peer: the hub's four-step lifecycle (submitted, delivered, receipt, care started) as a plain MassTransit 8.4.0
// state machine, kept in MassTransit's in-memory saga repository (nothing durable but the broker's queues). Every event
// reaches the saga through the broker; the mail goes to the agencies' own queues on the same broker.

public sealed record PeerSubmitted(Guid HandoverId, string Sender, string Receiver, DateTime SubmittedAt);
public sealed record PeerDelivered(Guid HandoverId, DateTime DeliveredAt);
public sealed record PeerReceipt(Guid HandoverId, string By, DateTime At);
public sealed record PeerCareStarted(Guid HandoverId, string By, DateTime At);
public sealed record PeerMail(Guid MailId, Guid HandoverId, string To, string Kind, DateTime At);

public sealed class PeerHandover : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = "";
    public string Sender { get; set; } = "";
    public string Receiver { get; set; } = "";
    public DateTime SubmittedAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public DateTime? ReceiptAt { get; set; }
    public DateTime? CareStartedAt { get; set; }
}

/// <summary>What the bench reads back: steps applied (saga events), handovers in care, feedback mails sent.</summary>
public sealed class PeerCounters
{
    long _steps, _inCare, _forwarded;
    public long Steps => Interlocked.Read(ref _steps);
    public long InCare => Interlocked.Read(ref _inCare);
    public long Forwarded => Interlocked.Read(ref _forwarded);
    public void Step() => Interlocked.Increment(ref _steps);
    public void Cared() => Interlocked.Increment(ref _inCare);
    public void Forward() => Interlocked.Increment(ref _forwarded);
}

public sealed class PeerMachine : MassTransitStateMachine<PeerHandover>
{
    public static string MailQueue(string agency) => $"peer.{agency}.mail";

    public State Submitted { get; private set; } = null!;
    public State Delivered { get; private set; } = null!;
    public State Received { get; private set; } = null!;
    public State InCare { get; private set; } = null!;

    public Event<PeerSubmitted> HandoverSubmitted { get; private set; } = null!;
    public Event<PeerDelivered> HandoverDelivered { get; private set; } = null!;
    public Event<PeerReceipt> ReceiptConfirmed { get; private set; } = null!;
    public Event<PeerCareStarted> CareStarted { get; private set; } = null!;

    public PeerMachine(PeerCounters counters)
    {
        InstanceState(x => x.CurrentState);
        Event(() => HandoverSubmitted, e => e.CorrelateById(m => m.Message.HandoverId));
        Event(() => HandoverDelivered, e => e.CorrelateById(m => m.Message.HandoverId));
        Event(() => ReceiptConfirmed, e => e.CorrelateById(m => m.Message.HandoverId));
        Event(() => CareStarted, e => e.CorrelateById(m => m.Message.HandoverId));

        Initially(
            When(HandoverSubmitted)
                .ThenAsync(async c =>
                {
                    counters.Step();
                    c.Saga.Sender = c.Message.Sender;
                    c.Saga.Receiver = c.Message.Receiver;
                    c.Saga.SubmittedAt = c.Message.SubmittedAt;
                    // The handover mail to the receiver's queue; once the broker confirmed it, the saga hears it was delivered.
                    var endpoint = await c.GetSendEndpoint(new Uri("queue:" + MailQueue(c.Saga.Receiver)));
                    await endpoint.Send(new PeerMail(NewId.NextGuid(), c.Saga.CorrelationId, c.Saga.Receiver, "handover", DateTime.UtcNow));
                    await c.Publish(new PeerDelivered(c.Saga.CorrelationId, DateTime.UtcNow));
                })
                .TransitionTo(Submitted));

        During(Submitted,
            When(HandoverDelivered).Then(c => { counters.Step(); c.Saga.DeliveredAt = c.Message.DeliveredAt; }).TransitionTo(Delivered));
        During(Submitted, Delivered,
            When(ReceiptConfirmed).ThenAsync(c => Forward(c, counters, c.Saga.ReceiptAt = c.Message.At, "receipt")).TransitionTo(Received));
        During(Submitted, Delivered, Received,
            When(CareStarted).ThenAsync(async c =>
            {
                await Forward(c, counters, c.Saga.CareStartedAt = c.Message.At, "care-started");
                counters.Cared();
            }).TransitionTo(InCare));
        During(Received, InCare, Ignore(HandoverDelivered));
        During(InCare, Ignore(ReceiptConfirmed));
    }

    /// <summary>The feedback to the sender's queue, as the hub forwards it.</summary>
    static async Task Forward<T>(BehaviorContext<PeerHandover, T> c, PeerCounters counters, DateTime? at, string kind) where T : class
    {
        counters.Step();
        var endpoint = await c.GetSendEndpoint(new Uri("queue:" + MailQueue(c.Saga.Sender)));
        await endpoint.Send(new PeerMail(NewId.NextGuid(), c.Saga.CorrelationId, c.Saga.Sender, kind, at ?? DateTime.UtcNow));
        counters.Forward();
    }
}
