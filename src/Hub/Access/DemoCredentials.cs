using IntegrationHub.Contracts.Agencies;

namespace IntegrationHub.Hub.Access;

/// <summary>
/// The embedded default's demo credentials (API.md "Identity"): <c>{agency-id}-demo-key</c> for every agency
/// in the directory, <c>operator-demo-key</c> and <c>auditor-demo-key</c>. Public knowledge by design, so they
/// exist only on the embedded default, and a hub on anything else refuses to start when one is configured.
/// </summary>
public static class DemoCredentials
{
    public const string Operator = "operator-demo-key";
    public const string Auditor = "auditor-demo-key";
    const string Suffix = "-demo-key";

    public static string ForAgency(string agencyId) => agencyId + Suffix;

    public static IEnumerable<(string Key, Caller Holder)> For(AgencyDirectory directory)
    {
        yield return (Operator, new Caller(HubRoles.Operator, null, "demo-operator"));
        yield return (Auditor, new Caller(HubRoles.Auditor, null, "demo-auditor"));
        foreach (var agency in directory.Agencies)
            yield return (ForAgency(agency.Id), Caller.ForAgency(agency.Id));
    }

    /// <summary>Anything shaped like a demo key counts, so a copied demo configuration cannot slip through.</summary>
    public static bool IsDemoKey(string key) => key.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase);
}
