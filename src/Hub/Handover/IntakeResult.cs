using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Hub.Handover;

/// <summary>What the hub answered to one submitted handover or feedback.</summary>
public abstract record IntakeResult
{
    /// <summary>Accepted and durably stored; <paramref name="Duplicate"/> when this messageId was accepted before.</summary>
    public sealed record Accepted(Guid HandoverId, string State, bool Duplicate) : IntakeResult;

    /// <summary>Refused for its content: every problem with its path. Nothing was published.</summary>
    public sealed record Invalid(IReadOnlyList<ValidationProblem> Problems) : IntakeResult;

    /// <summary>No handover with this id.</summary>
    public sealed record NotFound(Guid HandoverId) : IntakeResult;

    /// <summary>Does not fit the handover's state, or reuses a messageId for other content.</summary>
    public sealed record Conflict(string Reason) : IntakeResult;

    /// <summary>The caller may not send this: it names another agency as itself, or is not the party that gives it (403).</summary>
    public sealed record Forbidden(string Path, string Reason) : IntakeResult;
}
