namespace IntegrationHub.Hub.ApiReference;

// The shapes of the answers the handlers write, for the API description. The coverage test reads real answers
// against them (tests/IntegrationHub.Tests/ApiReference), so a handler that changes its answer fails there.

/// <summary>202 (or 200 for a repeated messageId) to a handover: its id and state.</summary>
public sealed record HandoverAccepted(Guid HandoverId, string State)
{
    /// <summary>true when this messageId was accepted before (the answer is then 200).</summary>
    public bool? Duplicate { get; init; }
}

/// <summary>202 to feedback (a repeated messageId included).</summary>
public sealed record FeedbackAccepted(Guid HandoverId, string State, bool Duplicate);

/// <summary>One agency's mail on the embedded transport, after <c>after</c>; <c>next</c> is the <c>after</c> for the following page.</summary>
public sealed record MailPage(string Agency, IReadOnlyList<MailItem> Mail, long Next);

/// <summary>One piece of mail, rendered in the agency's own format (<c>contentType</c>); <c>mailId</c> is stable across redeliveries.</summary>
public sealed record MailItem(long Seq, Guid MailId, string Kind, Guid HandoverId, string ContentType, DateTimeOffset At, string Body);

/// <summary>What an adapter message became: one entry per canonical message it carried.</summary>
public sealed record AdapterAccepted(IReadOnlyList<AdapterMessage> Messages);

public sealed record AdapterMessage(string Kind, Guid HandoverId, string State, bool Duplicate);

/// <summary>GET /health: up, or which part is down (never where).</summary>
public sealed record HealthAnswer(string Status, HealthDatabase Database, HealthBroker Broker);

public sealed record HealthDatabase(string Provider, string Status, string Read, string Write);

public sealed record HealthBroker(string Transport, string Status);

/// <summary>The simulated clock's time after the call, and how many due items it woke.</summary>
public sealed record ClockAnswer(DateTimeOffset Now)
{
    public int? Woken { get; init; }
}

/// <summary>202 to an escalation request.</summary>
public sealed record EscalationAccepted(Guid EscalationId, Guid HandoverId)
{
    public int? Level { get; init; }
}
