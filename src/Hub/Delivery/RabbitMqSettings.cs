using IntegrationHub.Hub.Hosting;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// What the hub needs before it talks to RabbitMQ at all: its own user, never guest (RabbitMQ's built-in
/// user with every permission, whose password everyone knows), and readable TLS files when TLS is on.
/// Checked when the hub is built, so a misconfigured hub does not start rather than half-start.
/// </summary>
public static class RabbitMqSettings
{
    public static void EnsureUsable(RabbitMqOptions rabbit)
    {
        if (Problem(rabbit) is { } problem)
            throw new InvalidOperationException(problem);
    }

    public static string? Problem(RabbitMqOptions rabbit)
    {
        const string how = "create the hub's broker user with `broker provision` and configure it (docs/operators.md)";
        if (string.IsNullOrWhiteSpace(rabbit.Username))
            return $"Hub:RabbitMq:Username is required when the transport is RabbitMQ: {how}";
        if (string.Equals(rabbit.Username, "guest", StringComparison.OrdinalIgnoreCase))
            return $"Hub:RabbitMq:Username must not be RabbitMQ's built-in guest user: {how}";
        if (string.IsNullOrEmpty(rabbit.Password))
            return $"Hub:RabbitMq:Password is required when the transport is RabbitMQ: {how}";
        foreach (var host in rabbit.Hosts)
            try
            {
                RabbitMqConnections.Parse(host, rabbit.EffectivePort);
            }
            catch (InvalidOperationException e)
            {
                return e.Message;
            }
        if (!rabbit.Tls.Enabled)
            return null;
        if (rabbit.Tls.CaCertificatePath is { } ca && !File.Exists(ca))
            return $"Hub:RabbitMq:Tls:CaCertificatePath: no file at {ca}";
        if (rabbit.Tls.ClientCertificatePath is { } client && !File.Exists(client))
            return $"Hub:RabbitMq:Tls:ClientCertificatePath: no file at {client}";
        return null;
    }
}
