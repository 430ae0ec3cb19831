using IntegrationHub.Adapters;

// Not IntegrationHub.Hub.Adapters: that name would hide the IntegrationHub.Adapters project from code in IntegrationHub.Hub.
namespace IntegrationHub.Hub.AgencyAdapters;

/// <summary>
/// Every agency adapter the hub knows, by route name (POST /api/adapters/{name}/messages) and by the
/// directory's <c>delivery.format</c>. Two adapters claiming one name or format is a wiring bug: refuse to start.
/// </summary>
public sealed class AdapterCatalog
{
    /// <summary>The directory format that needs no adapter: the hub's own fixed format (AgencyMail JSON out).</summary>
    public const string CanonicalFormat = "canonical";

    readonly Dictionary<string, IAgencyAdapter> _byName = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, IAgencyAdapter> _byFormat = new(StringComparer.OrdinalIgnoreCase);

    public AdapterCatalog(IEnumerable<IAgencyAdapter> adapters)
    {
        foreach (var adapter in adapters)
        {
            if (!_byName.TryAdd(adapter.Name, adapter))
                throw new InvalidOperationException($"two agency adapters are named '{adapter.Name}'");
            if (!_byFormat.TryAdd(adapter.Format, adapter))
                throw new InvalidOperationException($"two agency adapters render format '{adapter.Format}'");
        }
    }

    public IReadOnlyCollection<IAgencyAdapter> All => _byName.Values;

    public IAgencyAdapter? ByName(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The adapter for a directory format; null for <see cref="CanonicalFormat"/> and for formats no adapter speaks.</summary>
    public IAgencyAdapter? ByFormat(string format) => _byFormat.GetValueOrDefault(format);
}
