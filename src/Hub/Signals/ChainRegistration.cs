using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Coordination;
using IntegrationHub.Hub.Deadlines;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Hosting;

namespace IntegrationHub.Hub.Signals;

/// <summary>Wires the chain around the child: the referral index, families, coordination, plans and their watched deadlines.</summary>
public static class ChainRegistration
{
    public static IServiceCollection AddChain(this IServiceCollection services, HubOptions options, AgencyDirectory directory)
    {
        services.AddSingleton(options.Chain.Path is { } path ? ChainBook.LoadFile(path, directory) : ChainBook.LoadDemo(directory));
        services.AddSingleton<SignalValidator>();
        services.AddSingleton<Families>();
        services.AddSingleton<Matcher>();
        services.AddSingleton<CaseMeetings>();
        services.AddSingleton<CoordinatorAssignments>();
        services.AddSingleton<FamilyPlans>();
        services.AddSingleton<Stagnation>();
        services.AddSingleton<SignalRegistry>();
        services.AddSingleton<SignalRemoval>();
        services.AddSingleton<SignalIntake>();
        services.AddSingleton<LinkedHandovers>();
        services.AddSingleton<MatchQueries>();
        services.AddSingleton<FamilyViews>();
        services.AddSingleton<ChainOverview>();
        services.AddSingleton<IIntakeListener, HandoverSignals>();
        services.AddSingleton<IDueWork, ChainDueWork>();
        services.AddSingleton<IDueWork, SignalLifetimes>();
        return services;
    }
}
