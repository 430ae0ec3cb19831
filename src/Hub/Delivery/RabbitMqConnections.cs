using IntegrationHub.Hub.Hosting;
using RabbitMQ.Client;

namespace IntegrationHub.Hub.Delivery;

/// <summary>The hub's RabbitMQ.Client connections, named so an operator can tell them apart.</summary>
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
            Ssl = RabbitMqTls.ClientOption(rabbit),
        };
    }
}
