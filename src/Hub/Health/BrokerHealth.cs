using IntegrationHub.Hub.Delivery;

namespace IntegrationHub.Hub.Health;

/// <summary>
/// Whether the broker answers: on RabbitMQ the postman's own connection (the one agency mail leaves by)
/// is opened if need be; the embedded transport has no broker to be down.
/// </summary>
public sealed class BrokerHealth(HubTransportInfo transport, IServiceProvider services)
{
    public async Task<string> StatusAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<AgencyExchangePublisher>() is not { } postman)
            return "up";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            return await postman.IsConnectedAsync(timeout.Token).ConfigureAwait(false) ? "up" : "down: not connected";
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception's type says what went wrong; its message may name hosts, which /health does not.
            return $"down: {e.GetType().Name}";
        }
    }

    public string Transport => transport.Name;
}

/// <summary>Which transport this hub runs on, for /health and the start-up log.</summary>
public sealed record HubTransportInfo(string Name);
