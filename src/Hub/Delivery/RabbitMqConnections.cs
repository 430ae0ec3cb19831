using IntegrationHub.Hub.Hosting;
using RabbitMQ.Client;

namespace IntegrationHub.Hub.Delivery;

/// <summary>The hub's RabbitMQ.Client connections, named so an operator can tell them apart.</summary>
public static class RabbitMqConnections
{
    public static ConnectionFactory Factory(HubOptions options, string name) => new()
    {
        HostName = options.RabbitMq.Host ?? "localhost",
        Port = options.RabbitMq.Port,
        VirtualHost = options.RabbitMq.VirtualHost,
        UserName = options.RabbitMq.Username,
        Password = options.RabbitMq.Password,
        ClientProvidedName = name,
        AutomaticRecoveryEnabled = true,
    };
}
