using Hl7.Fhir.Model;

namespace IntegrationHub.Adapters.Jgz.Inbound;

/// <summary>
/// A resource and where it sits in the message, as a FHIRPath (Bundle.entry[2].resource). A contained
/// resource remembers its container: its own <c>#id</c> references resolve there.
/// </summary>
sealed record Located(Resource Resource, string Path, string? FullUrl = null, Located? Container = null)
{
    public T As<T>() where T : Resource => (T)Resource;

    /// <summary>The resource whose <c>contained</c> list a <c>#id</c> reference from here points into.</summary>
    public Located Host => Container ?? this;
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
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var entry = bundle.Entry[i];
            if (entry?.Resource is { } resource)
                _entries.Add(new Located(resource, $"Bundle.entry[{i}].resource", entry.FullUrl));
        }
    }

    public ResourceIndex(Located single) => _entries.Add(single);

    /// <summary>The message's own resources (bundle entries, or the one root resource).</summary>
    public IReadOnlyList<Located> Entries => _entries;

    public IEnumerable<Located> OfType<T>() where T : Resource => _entries.Where(e => e.Resource is T);

    /// <summary>Resources of a type in the message or contained in <paramref name="container"/>.</summary>
    public IEnumerable<Located> OfType<T>(Located container) where T : Resource =>
        OfType<T>().Concat(Contained(container.Host).Where(c => c.Resource is T));

    public Located? Resolve(string? reference, Located from)
    {
        if (string.IsNullOrWhiteSpace(reference))
            return null;
        if (reference.StartsWith('#'))
            return Contained(from.Host).FirstOrDefault(c => c.Resource.Id == reference[1..]);
        if (_entries.FirstOrDefault(e => e.FullUrl == reference) is { } byFullUrl)
            return byFullUrl;
        if (TypeAndId(reference) is not var (type, id))
            return null;
        return _entries.FirstOrDefault(e => e.Resource.TypeName == type && e.Resource.Id == id)
            ?? _entries.FirstOrDefault(e => e.FullUrl is { } url && TypeAndId(url) == (type, id));
    }

    public static IEnumerable<Located> Contained(Located host)
    {
        if (host.Resource is not DomainResource { Contained: { } contained })
            yield break;
        for (var i = 0; i < contained.Count; i++)
            if (contained[i] is { } resource)
                yield return new Located(resource, $"{host.Path}.contained[{i}]", Container: host);
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
