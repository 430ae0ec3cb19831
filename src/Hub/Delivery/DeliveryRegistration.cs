using IntegrationHub.Hub.Hosting;

namespace IntegrationHub.Hub.Delivery;

/// <summary>The postman and its parts; the drop follows the transport (agency exchange on RabbitMQ, with the egress
/// journal that tells what already reached an agency queue; mailbox table embedded).</summary>
public static class DeliveryRegistration
{
    public static IServiceCollection AddAgencyDelivery(this IServiceCollection services, HubOptions options)
    {
        services.AddSingleton<MailRenderer>();
        services.AddSingleton<AgencyMailbox>();
        services.AddSingleton<WebhookSender>();
        services.AddHostedService<WebhookPolicy>();
        if (options.UsesRabbitMq)
        {
            services.AddSingleton<AgencyExchangePublisher>();
            services.AddSingleton<IAgencyDrop>(sp => sp.GetRequiredService<AgencyExchangePublisher>());
            services.AddSingleton<EgressJournalReader>();
        }
        else
            services.AddSingleton<IAgencyDrop>(sp => sp.GetRequiredService<AgencyMailbox>());
        services.AddSingleton<AgencyPostman>();
        return services;
    }
}
