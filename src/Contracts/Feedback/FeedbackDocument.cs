using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Contracts.Feedback;

/// <summary>Feedback on a handover (terugkoppeling), schema version 1.0. Mirrors <c>feedback.schema.json</c>.</summary>
public sealed record FeedbackDocument
{
    public string SchemaVersion { get; init; } = "1.0";
    public Guid MessageId { get; init; }
    public Guid? HandoverId { get; init; }
    public string Kind { get; init; } = "";
    public DateTimeOffset? At { get; init; }
    public Party By { get; init; } = new();
    public string? Reason { get; init; }
    public string? SuggestedAgencyId { get; init; }
    public DateOnly? PlannedEndDate { get; init; }
    public string? Outcome { get; init; }
    public string? Note { get; init; }
    /// <summary>With accepted-waiting: when care is expected to start.</summary>
    public DateOnly? ExpectedStart { get; init; }
    /// <summary>With withdrawal and closed: why nobody else needs to take the child over.</summary>
    public string? ReasonCode { get; init; }
}
