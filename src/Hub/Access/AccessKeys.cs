using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Hub.Hosting;
using Microsoft.Extensions.Primitives;

namespace IntegrationHub.Hub.Access;

/// <summary>
/// The API keys of configuration section Hub:Access: <c>Operators</c>, <c>Auditors</c> and <c>Monitors</c> (lists of keys,
/// or of <c>{ "name": "...", "key": "..." }</c> so the record can name who acted), and
/// <c>Agencies:{agencyId}</c> (one key or a list) for agency systems. On the embedded default the demo
/// keys (<see cref="DemoCredentials"/>) are added. Rebuilt when the configuration reloads, so a rotated
/// key takes effect without a restart.
/// </summary>
public sealed class AccessKeys : IDisposable
{
    public const string Section = "Hub:Access";

    readonly IConfiguration _configuration;
    readonly HubOptions _options;
    readonly AgencyDirectory _directory;
    readonly IDisposable _reload;
    volatile Dictionary<string, Caller> _byKeyHash;

    public AccessKeys(IConfiguration configuration, HubOptions options, AgencyDirectory directory)
    {
        _configuration = configuration;
        _options = options;
        _directory = directory;
        _byKeyHash = Build();
        _reload = ChangeToken.OnChange(configuration.GetReloadToken, () => _byKeyHash = Build());
    }

    /// <summary>
    /// Who holds <paramref name="presented"/>, or null. Keys are looked up by their SHA-256: the lookup's
    /// timing can tell at most something about a hash, never about a key or its length.
    /// </summary>
    public Caller? Identify(string presented) => _byKeyHash.GetValueOrDefault(Hash(presented));

    /// <summary>Every configured key with its holder (demo keys included where they apply), for the start-up checks.</summary>
    public IReadOnlyList<(string Key, Caller Holder)> Configured() => Read(includeDemo: true);

    Dictionary<string, Caller> Build()
    {
        var table = new Dictionary<string, Caller>(StringComparer.Ordinal);
        foreach (var (key, holder) in Read(includeDemo: true))
        {
            // Two holders for one key would make the credential say two things: refused at start (AccessCheck).
            table.TryAdd(Hash(key), holder);
        }
        return table;
    }

    List<(string Key, Caller Holder)> Read(bool includeDemo)
    {
        var section = _configuration.GetSection(Section);
        var keys = new List<(string, Caller)>();
        keys.AddRange(People(section.GetSection("Operators"), HubRoles.Operator));
        keys.AddRange(People(section.GetSection("Auditors"), HubRoles.Auditor));
        keys.AddRange(People(section.GetSection("Monitors"), HubRoles.Monitor));
        foreach (var agency in section.GetSection("Agencies").GetChildren())
            keys.AddRange(Values(agency).Select(k => (k, Caller.ForAgency(agency.Key))));
        if (includeDemo && _options.IsEmbeddedDefault)
            keys.AddRange(DemoCredentials.For(_directory));
        return keys;
    }

    /// <summary>Operators or auditors: plain keys (named role#n) or name/key objects.</summary>
    static IEnumerable<(string, Caller)> People(IConfigurationSection section, string role)
    {
        var index = 0;
        foreach (var child in section.GetChildren())
        {
            index++;
            var key = child.Value ?? child["key"];
            var name = child.Value is null ? child["name"] : null;
            if (!string.IsNullOrWhiteSpace(key))
                yield return (key, new Caller(role, null, string.IsNullOrWhiteSpace(name) ? $"{role}#{index}" : name));
        }
        if (!string.IsNullOrWhiteSpace(section.Value))
            yield return (section.Value, new Caller(role, null, $"{role}#0"));
    }

    /// <summary>A list (Agencies:x:0, Agencies:x:1) or a single value; blank keys never count.</summary>
    static IEnumerable<string> Values(IConfigurationSection section)
    {
        var values = section.GetChildren().Select(c => c.Value).ToList();
        values.Add(section.Value);
        return values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!);
    }

    static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public void Dispose() => _reload.Dispose();
}
