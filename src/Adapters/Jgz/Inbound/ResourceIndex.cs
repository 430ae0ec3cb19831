using IntegrationHub.Adapters.Jgz.Fhir;

namespace IntegrationHub.Adapters.Jgz.Inbound;

/// <summary>A resource and where it sits in the message, as a FHIR path (Bundle.entry[2].resource).</summary>
sealed record Located(Resource Resource, string Path, string? FullUrl = null)
{
    public T As<T>() where T : Resource => (T)Resource;
}

/// <summary>
/// Resolves references the ways real systems write them: urn:uuid fullUrls, relative (Patient/123),
/// absolute (https://x/fhir/Patient/123, with or without _history) and contained (#p1).
/// </summary>
sealed class ResourceIndex
{
    readonly List<Located> _entries = [];

    public ResourceIndex(Bundle bundle)
    {
        for (var i = 0; i < (bundle.Entry?.Count ?? 0); i++)
        {
            var entry = bundle.Entry![i];
            if (entry?.Resource is { } resource)
                _entries.Add(new Located(resource, $"Bundle.entry[{i}].resource", entry.FullUrl));
        }
    }

    public ResourceIndex(Located single) => _entries.Add(single);

    public IEnumerable<Located> All => _entries;

    public IEnumerable<Located> OfType<T>() where T : Resource => _entries.Where(e => e.Resource is T);

    public Located? Resolve(string? reference, Located container)
    {
        if (string.IsNullOrWhiteSpace(reference))
            return null;
        if (reference.StartsWith('#'))
            return Contained(reference[1..], container);
        if (_entries.FirstOrDefault(e => e.FullUrl == reference) is { } byFullUrl)
            return byFullUrl;
        if (TypeAndId(reference) is not (var type, var id))
            return null;
        return _entries.FirstOrDefault(e => e.Resource.TypeName == type && e.Resource.Id == id)
            ?? _entries.FirstOrDefault(e => e.FullUrl is { } url && TypeAndId(url) == (type, id));
    }

    static Located? Contained(string id, Located container)
    {
        if (container.Resource is not DomainResource { Contained: { } contained })
            return null;
        for (var i = 0; i < contained.Count; i++)
            if (contained[i]?.Id == id)
                return new Located(contained[i], $"{container.Path}.contained[{i}]");
        return null;
    }

    /// <summary>The last Type/id pair of a relative or absolute reference, ignoring a version (_history/2).</summary>
    public static (string Type, string Id)? TypeAndId(string reference)
    {
        var path = reference;
        var query = path.IndexOfAny(['?', '#']);
        if (query >= 0)
            path = path[..query];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        var history = segments.IndexOf("_history");
        if (history >= 0)
            segments = segments[..history];
        if (segments.Count < 2)
            return null;
        var type = segments[^2];
        return type.Length > 0 && char.IsAsciiLetterUpper(type[0]) ? (type, segments[^1]) : null;
    }
}
