namespace IntegrationHub.Contracts.Messages;

/// <summary>Who an escalation notice is for: a role at an agency, with the agency's contact for it.</summary>
public sealed record EscalationAddressee
{
    public required string AgencyId { get; init; }
    public required string Role { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
}

/// <summary>An escalation level was raised (opschaling): 1 operational, 2 management, 3 administrative.</summary>
public sealed record EscalationRaised
{
    public required Guid HandoverId { get; init; }
    public required int Level { get; init; }
    public required string DeadlineKind { get; init; }
    public required DateTimeOffset OverdueSince { get; init; }
    public required DateTimeOffset RaisedAt { get; init; }
    public required IReadOnlyList<EscalationAddressee> Addressees { get; init; }
}

/// <summary>The awaited feedback arrived; an open escalation is closed and everyone notified hears so.</summary>
public sealed record EscalationResolved
{
    public required Guid HandoverId { get; init; }
    public required int Level { get; init; }
    public required DateTimeOffset ResolvedAt { get; init; }
    public required string ResolvedBy { get; init; }
}
