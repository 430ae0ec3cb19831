namespace IntegrationHub.Contracts.Messages;

/// <summary>
/// The scheduler's tick for one handover: something on it was due at <see cref="DueAt"/>. The saga
/// decides what (a missed deadline, the next escalation level); the tick only wakes it.
/// </summary>
public sealed record DeadlineReached
{
    public required Guid HandoverId { get; init; }
    public required DateTimeOffset DueAt { get; init; }
}
