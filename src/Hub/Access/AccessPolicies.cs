using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace IntegrationHub.Hub.Access;

/// <summary>
/// Who may call what (API.md's "who" column), as ASP.NET Core authorization policies. Every route names one;
/// a route that names none still needs an authenticated caller (the fallback policy), and the route walk
/// test fails until it says which. Whether an agency is a party to a particular handover is decided by the
/// call itself, which answers 404 to strangers.
/// </summary>
public static class AccessPolicies
{
    public const string Agency = "agency";
    public const string Operator = "operator";
    public const string Auditor = "auditor";
    /// <summary>Reading a handover: its parties (checked by the call), operators and auditors.</summary>
    public const string Reader = "reader";
    /// <summary>Acting on a handover as one of its parties (checked by the call) or as the chain office.</summary>
    public const string AgencyOrOperator = "agency-or-operator";
    /// <summary>Scraping metrics: operators, and monitors (a key that can do nothing else, for Prometheus).</summary>
    public const string Metrics = "metrics";

    public static IServiceCollection AddHubAccess(this IServiceCollection services)
    {
        services.AddSingleton<AccessKeys>();
        services.AddSingleton<ClientCertificates>();
        services.AddAuthentication(HubCredentialHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, HubCredentialHandler>(HubCredentialHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Agency, p => p.RequireClaim(HubClaims.Role, HubRoles.Agency))
            .AddPolicy(Operator, p => p.RequireClaim(HubClaims.Role, HubRoles.Operator))
            .AddPolicy(Auditor, p => p.RequireClaim(HubClaims.Role, HubRoles.Auditor))
            .AddPolicy(Reader, p => p.RequireClaim(HubClaims.Role, HubRoles.Agency, HubRoles.Operator, HubRoles.Auditor))
            .AddPolicy(AgencyOrOperator, p => p.RequireClaim(HubClaims.Role, HubRoles.Agency, HubRoles.Operator))
            .AddPolicy(Metrics, p => p.RequireClaim(HubClaims.Role, HubRoles.Operator, HubRoles.Monitor))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(HubCredentialHandler.SchemeName).RequireAuthenticatedUser().Build());
        return services;
    }

    /// <summary>What a 403 tells the caller the call needs.</summary>
    public static string Describe(string? policy) => policy switch
    {
        Agency => "agency systems",
        Operator => "operators (an operator key)",
        Auditor => "auditors (an auditor key)",
        Reader => "the handover's parties, operators and auditors",
        AgencyOrOperator => "agency systems and operators",
        Metrics => "operators and monitors (a monitor key, Hub:Access:Monitors)",
        _ => "other callers",
    };
}
