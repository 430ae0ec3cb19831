using IntegrationHub.Hub.Hosting;
using RabbitMQ.Client;

namespace IntegrationHub.Hub.Delivery;

/// <summary>The hub's own RabbitMQ.Client connections (beside MassTransit's), named so an operator can tell them apart.</summary>
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
