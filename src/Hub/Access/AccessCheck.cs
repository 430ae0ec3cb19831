using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Hub.Hosting;

namespace IntegrationHub.Hub.Access;

/// <summary>
/// Refuses to start a hub whose credentials cannot be trusted: demo keys outside the embedded default, one
/// key for two holders, short keys in production, keys or certificates for agencies the directory does not know.
/// </summary>
public static class AccessCheck
{
    /// <summary>Production keys are secrets drawn at random; anything shorter is a placeholder or a guess away.</summary>
    public const int MinimumKeyLength = 16;

    public static void Verify(AccessKeys keys, HubOptions options, AgencyDirectory directory)
    {
        var problems = new List<string>();
        var configured = keys.Configured();
        foreach (var group in configured.GroupBy(k => k.Key, StringComparer.Ordinal).Where(g => g.Select(h => h.Holder).Distinct().Count() > 1))
            problems.Add($"one key is configured for {string.Join(" and ", group.Select(h => h.Holder.Actor).Distinct())}; every holder needs its own key");
        foreach (var (key, holder) in configured)
        {
            if (holder.AgencyId is { } agency && !directory.Contains(agency))
                problems.Add($"Hub:Access:Agencies:{agency}: no agency '{agency}' in the agency directory");
            if (options.IsEmbeddedDefault)
                continue;
            if (DemoCredentials.IsDemoKey(key))
                problems.Add($"a demo key is configured for {holder.Actor}: demo keys are public and allowed only on the embedded default; configure a secret key");
            else if (key.Length < MinimumKeyLength)
                problems.Add($"the key configured for {holder.Actor} is shorter than {MinimumKeyLength} characters");
        }
        if (problems.Count > 0)
            throw new InvalidOperationException("Hub:Access cannot be used: " + string.Join("; ", problems.Distinct()));
    }
}
