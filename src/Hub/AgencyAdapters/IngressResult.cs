using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Handover;

namespace IntegrationHub.Hub.AgencyAdapters;

/// <summary>What became of one inbound agency message (one body, possibly several canonical messages).</summary>
public abstract record IngressResult
{
    /// <summary>
    /// Refused before anything reached the saga: unreadable (<paramref name="Malformed"/>) or invalid. Problems name fields in the agency's own format where the adapter could.
    /// </summary>
    public sealed record Refused(IReadOnlyList<ValidationProblem> Problems, bool Malformed) : IngressResult;

    /// <summary>A message in it names another agency than the one that sent it (403); nothing of it was kept but the refusal.</summary>
    public sealed record Forbidden(IReadOnlyList<ValidationProblem> Problems) : IngressResult;

    /// <summary>
    /// Every message went to the intake in order. <paramref name="Failure"/> is the first one the intake did
    /// not accept (unknown handover, conflict, invalid); the messages before it stay accepted.
    /// </summary>
    public sealed record Submitted(IReadOnlyList<MessageOutcome> Accepted, IntakeResult? Failure) : IngressResult;
}

/// <summary>One canonical message the intake accepted.</summary>
public sealed record MessageOutcome(string Kind, Guid HandoverId, string State, bool Duplicate);
