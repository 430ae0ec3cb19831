using IntegrationHub.Hub.Hosting;
using RabbitMQ.Client;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// The hub's RabbitMQ.Client connections, named so an operator can tell them apart. On a cluster
/// (<see cref="RabbitMqOptions.Hosts"/>) a connection opens to one of the nodes, in random order, and automatic
/// recovery reopens it, with its channels and consumers, on whichever node answers next.
/// </summary>
public static class RabbitMqConnections
{
    public static ConnectionFactory Factory(HubOptions options, string name)
    {
        var rabbit = options.RabbitMq;
        RabbitMqSettings.EnsureUsable(rabbit);
        return new ConnectionFactory
        {
            HostName = rabbit.Host ?? "localhost",
            Port = rabbit.EffectivePort,
            VirtualHost = rabbit.VirtualHost,
            UserName = rabbit.Username!,
            Password = rabbit.Password!,
            ClientProvidedName = name,
            AutomaticRecoveryEnabled = true,
            // A node that went away is tried again, or another one, every few seconds rather than every five.
            NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
            Ssl = RabbitMqTls.ClientOption(rabbit),
        };
    }

    /// <summary>Opens a connection to the single host, or to one node of the cluster.</summary>
    public static Task<IConnection> ConnectAsync(HubOptions options, string name, CancellationToken cancellationToken)
    {
        var factory = Factory(options, name);
        return factory.CreateConnectionAsync(Endpoints(options.RabbitMq, factory), cancellationToken);
    }

    /// <summary>
    /// Where the broker is: each of <see cref="RabbitMqOptions.Hosts"/>, else <see cref="RabbitMqOptions.Host"/>.
    /// With TLS each node's certificate is checked against its own name, unless one name is configured for all.
    /// </summary>
    public static IReadOnlyList<AmqpTcpEndpoint> Endpoints(RabbitMqOptions rabbit, ConnectionFactory factory)
    {
        if (rabbit.Hosts.Count == 0)
            return [factory.Endpoint];
        return rabbit.Hosts.Select(entry =>
        {
            var (host, port) = Parse(entry, rabbit.EffectivePort);
            var ssl = RabbitMqTls.ClientOption(rabbit);
            if (ssl.Enabled && rabbit.Tls.ServerName is null)
                ssl.ServerName = host;
            return new AmqpTcpEndpoint(host, port, ssl);
        }).ToList();
    }

    /// <summary><c>host</c>, <c>host:port</c> or <c>[v6-address]:port</c>.</summary>
    public static (string Host, int Port) Parse(string entry, int defaultPort)
    {
        var text = entry.Trim();
        if (text.StartsWith('[') && text.IndexOf(']') is var close and > 0)
            return (text[1..close], text.Length > close + 2 && text[close + 1] == ':' ? PortOf(text[(close + 2)..], entry) : defaultPort);
        var colon = text.LastIndexOf(':');
        return colon > 0 && text.IndexOf(':') == colon ? (text[..colon], PortOf(text[(colon + 1)..], entry)) : (text, defaultPort);
    }

    static int PortOf(string text, string entry) =>
        int.TryParse(text, out var port) && port is > 0 and < 65536
            ? port
            : throw new InvalidOperationException($"Hub:RabbitMq:Hosts: '{entry}' is not host or host:port");
}
