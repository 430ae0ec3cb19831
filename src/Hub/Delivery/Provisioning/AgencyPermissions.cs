using System.Text.RegularExpressions;

namespace IntegrationHub.Hub.Delivery.Provisioning;

/// <summary>One broker user's permissions on the hub's virtual host: three regexes over resource names (RabbitMQ's own model).</summary>
public sealed record BrokerPermissions(string Configure, string Write, string Read);

/// <summary>
/// Who may do what on the broker (docs/topology.md#permissions). An agency declares nothing, writes only its
/// inbound exchange and reads only its mail and error queues; the hub may do everything on its virtual host.
/// The regexes are built from the names in <see cref="AgencyQueues"/>: RabbitMQ matches them against names of
/// queues and exchanges alike, which is why no queue shares a name with an exchange.
/// </summary>
public static class AgencyPermissions
{
    public static readonly BrokerPermissions Hub = new(".*", ".*", ".*");

    public static BrokerPermissions For(string agencyId)
    {
        // Agency ids are [a-z0-9-] (AgencyDirectory), so escaping changes nothing today; it keeps a future id from
        // widening the pattern.
        var id = Regex.Escape(agencyId);
        return new BrokerPermissions(
            // Configure on no name: declaring, deleting and server-named queues (amq.gen-…) all need it.
            Configure: "^$",
            Write: $@"^agency\.{id}\.inbound$",
            Read: $@"^agency\.{id}\.(mail|inbound\.error)$");
    }
}
