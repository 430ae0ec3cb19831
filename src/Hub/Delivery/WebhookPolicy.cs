using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Hub.Hosting;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// Refuses to start a hub that would POST unsigned mail to an agency: every webhook agency needs its secret
/// (Hub:Webhook:Secrets:{agencyId}, at least <see cref="MinimumSecretLength"/> characters), except on the
/// embedded default (in-memory bus, SQLite: the demo and a developer's machine), where a missing secret only
/// warns. The directory itself refuses a webhook URL that is not https outside loopback.
/// </summary>
public sealed class WebhookPolicy(HubOptions options, AgencyDirectory directory, ILogger<WebhookPolicy> logger) : IHostedService
{
    /// <summary>32 characters: e.g. <c>openssl rand -hex 32</c> gives 64.</summary>
    public const int MinimumSecretLength = 32;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var agency in directory.Agencies.Where(a => a.Delivery.Kind == "webhook"))
        {
            var key = $"Hub:Webhook:Secrets:{agency.Id}";
            if (options.Webhook.Secrets.GetValueOrDefault(agency.Id) is not { Length: > 0 } secret)
            {
                if (!options.IsEmbeddedDefault)
                    throw new InvalidOperationException(
                        $"agency {agency.Id} delivers to a webhook, but {key} is not set: its mail cannot be signed (docs/operators.md)");
                logger.LogWarning("Agency {Agency} delivers to a webhook without {Key}: its mail is POSTed unsigned (allowed on the embedded default only)",
                    agency.Id, key);
            }
            else if (secret.Length < MinimumSecretLength)
                throw new InvalidOperationException($"{key} is shorter than {MinimumSecretLength} characters (e.g. `openssl rand -hex 32`)");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
