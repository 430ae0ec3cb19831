using System.Text.Json;
using System.Text.RegularExpressions;
using IntegrationHub.Contracts.Json;

namespace IntegrationHub.Contracts.Agencies;

/// <summary>Every agency the hub knows (the chain's address book), loaded from a JSON file.</summary>
public sealed partial class AgencyDirectory : IAgencyLookup
{
    readonly Dictionary<string, Agency> _byId;

    public AgencyDirectory(IEnumerable<Agency> agencies)
    {
        _byId = new Dictionary<string, Agency>(StringComparer.Ordinal);
        foreach (var agency in agencies)
        {
            if (!_byId.TryAdd(agency.Id, agency))
                throw new AgencyDirectoryException($"agency id '{agency.Id}' appears twice");
        }
    }

    /// <summary>The hub itself, where a notice addresses its own operators: no agency may take this id.</summary>
    public const string HubId = "hub";

    public IReadOnlyCollection<Agency> Agencies => _byId.Values;

    public bool Contains(string agencyId) => _byId.ContainsKey(agencyId);

    public Agency? Find(string agencyId) => _byId.GetValueOrDefault(agencyId);

    public Agency Get(string agencyId) =>
        Find(agencyId) ?? throw new KeyNotFoundException($"agency '{agencyId}' is not in the directory");

    /// <summary>The demo directory the embedded default ships (API.md lists its ids).</summary>
    public static AgencyDirectory LoadDemo()
    {
        using var stream = typeof(AgencyDirectory).Assembly
            .GetManifestResourceStream("IntegrationHub.Contracts.Agencies.demo-directory.json")
            ?? throw new InvalidOperationException("demo directory resource is missing from the build");
        return Load(stream, "the embedded demo directory");
    }

    public static AgencyDirectory LoadFile(string path)
    {
        if (!File.Exists(path))
            throw new AgencyDirectoryException($"agency directory file '{path}' does not exist");
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    public static AgencyDirectory Load(Stream json, string source)
    {
        DirectoryFile? file;
        try
        {
            file = JsonSerializer.Deserialize<DirectoryFile>(json, HubJson.Options);
        }
        catch (JsonException e)
        {
            throw new AgencyDirectoryException($"{source}: not valid JSON at {e.Path} (line {e.LineNumber + 1}): {e.Message}");
        }
        if (file?.Agencies is not { Count: > 0 })
            throw new AgencyDirectoryException($"{source}: '/agencies' must list at least one agency");

        for (var i = 0; i < file.Agencies.Count; i++)
            Check(file.Agencies[i], $"{source}: /agencies/{i}");
        CheckCertificatesUnique(file.Agencies, source);
        try
        {
            return new AgencyDirectory(file.Agencies);
        }
        catch (AgencyDirectoryException e)
        {
            throw new AgencyDirectoryException($"{source}: {e.Message}");
        }
    }

    static void Check(Agency agency, string at)
    {
        if (!AgencyIdPattern().IsMatch(agency.Id))
            throw new AgencyDirectoryException($"{at}/id: '{agency.Id}' is not a valid agency id (lowercase letters, digits and '-', 2-63 characters)");
        if (agency.Id == HubId)
            throw new AgencyDirectoryException($"{at}/id: '{HubId}' names the hub itself and cannot be an agency's id");
        if (!AgencyKinds.All.Contains(agency.Kind))
            throw new AgencyDirectoryException($"{at}/kind: '{agency.Kind}' is not one of {string.Join(", ", AgencyKinds.All)}");
        if (agency.Delivery.Kind is not ("queue" or "webhook"))
            throw new AgencyDirectoryException($"{at}/delivery/kind: '{agency.Delivery.Kind}' must be queue or webhook");
        if (agency.Delivery.Kind == "webhook" && agency.Delivery.Url is not { IsAbsoluteUri: true })
            throw new AgencyDirectoryException($"{at}/delivery/url: a webhook needs an absolute URL");
        // Mail holds children's files: in clear text only to this machine (a local relay, a test), else over TLS.
        if (agency.Delivery is { Kind: "webhook", Url: { } url } && url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
            throw new AgencyDirectoryException($"{at}/delivery/url: agency '{agency.Id}' has a webhook that is not https; only a loopback address may use http");
        for (var c = 0; c < agency.Certificates.Count; c++)
            CheckCertificate(agency.Certificates[c], $"{at}/certificates/{c}");
        for (var c = 0; c < agency.Contacts.Count; c++)
        {
            var contact = agency.Contacts[c];
            if (contact.Level is < 1 or > 3)
                throw new AgencyDirectoryException($"{at}/contacts/{c}/level: {contact.Level} is not an escalation level (1-3)");
            if (string.IsNullOrWhiteSpace(contact.Role))
                throw new AgencyDirectoryException($"{at}/contacts/{c}/role: a contact needs a role");
        }
    }

    static void CheckCertificate(AgencyCertificate certificate, string at)
    {
        if (certificate.Thumbprint is null && string.IsNullOrWhiteSpace(certificate.Subject))
            throw new AgencyDirectoryException($"{at}: a certificate needs a thumbprint or a subject");
        if (certificate.Thumbprint is { } thumbprint && !Sha256Hex().IsMatch(thumbprint))
            throw new AgencyDirectoryException($"{at}/thumbprint: must be the certificate's SHA-256 thumbprint, 64 hexadecimal characters");
    }

    /// <summary>A certificate that named two agencies would let one act as the other.</summary>
    static void CheckCertificatesUnique(List<Agency> agencies, string source)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var agency in agencies)
            foreach (var certificate in agency.Certificates)
                foreach (var name in new[] { certificate.Thumbprint, certificate.Subject }.Where(n => n is not null))
                    if (seen.TryGetValue(name!, out var other) && other != agency.Id)
                        throw new AgencyDirectoryException($"{source}: a certificate is listed for both '{other}' and '{agency.Id}'");
                    else
                        seen[name!] = agency.Id;
    }

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Hex();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex AgencyIdPattern();

    sealed record DirectoryFile
    {
        public List<Agency>? Agencies { get; init; }
    }
}

/// <summary>A directory file that cannot be used; the message names the file, the JSON path and why.</summary>
public sealed class AgencyDirectoryException(string message) : Exception(message);

/// <summary>What validation needs of the directory: whether an agency id exists.</summary>
public interface IAgencyLookup
{
    bool Contains(string agencyId);
}
