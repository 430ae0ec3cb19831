namespace IntegrationHub.Hub.Outbox;

/// <summary>An outbox row this dispatcher has claimed, with what the resend check needs to know about its past.</summary>
/// <param name="Attempts">Claims so far, this one included: more than one means an earlier claim never marked the
/// row sent (a crash, a failed send), so the message may already have left.</param>
/// <param name="CreatedAt">When the row was written: no copy of it can have left before then.</param>
/// <param name="ClaimToken">This claim's token, shared by the rows claimed together.</param>
/// <param name="LastError">Why the last attempt failed, if it did (<see cref="Delivery.UncertainDropException"/>).</param>
public sealed record ClaimedRow(long Id, OutgoingMessage Message, int Attempts, DateTimeOffset CreatedAt, string ClaimToken, string? LastError = null);
