namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// Names on the broker. Every agency has exactly one queue for what is addressed to it
/// (<c>agency.{id}</c>, fed only by the exchange of the same name) and one inbound queue it writes to
/// through its own exchange (<c>agency.{id}.inbound</c>). docs/topology.md says who may read and write which.
/// </summary>
public static class AgencyQueues
{
    public static string Outbound(string agencyId) => $"agency.{agencyId}";
    public static string Inbound(string agencyId) => $"agency.{agencyId}.inbound";
    /// <summary>Refused inbound messages with their reason (x-reject-reason) and original bytes; read by operators and the agency.</summary>
    public static string InboundError(string agencyId) => $"agency.{agencyId}.inbound.error";
}
