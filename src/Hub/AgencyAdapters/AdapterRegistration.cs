using IntegrationHub.Adapters;
using IntegrationHub.Adapters.Bjz;
using IntegrationHub.Adapters.Jgz;
using IntegrationHub.Adapters.School;
using IntegrationHub.Adapters.Veiligheidshuis;

namespace IntegrationHub.Hub.AgencyAdapters;

/// <summary>The one list of adapters: a new agency format is one line here.</summary>
public static class AdapterRegistration
{
    public static IServiceCollection AddAgencyAdapters(this IServiceCollection services)
    {
        services.AddSingleton<IAgencyAdapter, JgzFhirAdapter>();
        services.AddSingleton<IAgencyAdapter, BjzXmlAdapter>();
        services.AddSingleton<IAgencyAdapter, SchoolCsvAdapter>();
        services.AddSingleton<IAgencyAdapter, VeiligheidshuisAdapter>();
        services.AddSingleton<AdapterCatalog>();
        services.AddSingleton(sp => new AdapterContext(sp.GetRequiredService<Contracts.Agencies.AgencyDirectory>(), sp.GetRequiredService<TimeProvider>())
        {
            Limits = sp.GetRequiredService<Contracts.Validation.IntakeLimits>(),
        });
        services.AddSingleton<AdapterIngress>();
        return services;
    }
}
