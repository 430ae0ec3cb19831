namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// A mail that is already in its agency's drop (found in the egress journal after a crash), with the
/// SHA-256 of the bytes the agency got there: the delivery log records what was delivered, not a re-render.
/// </summary>
public sealed record DroppedCopy(string PayloadSha256);
