namespace IntegrationHub.Contracts.Agencies;

/// <summary>One chain partner (ketenpartner) the hub connects, as the agency directory names it.</summary>
public sealed record Agency
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>jgz, bureau-jeugdzorg, veiligheidshuis, school, cjg, gemeente or other.</summary>
    public string Kind { get; init; } = "";
    public DeliveryRoute Delivery { get; init; } = new();
    /// <summary>The municipality (gemeente) the agency works for; figures count a handover there when the child's residence is not given.</summary>
    public string? Municipality { get; init; }
    /// <summary>Who to address per escalation level (opschalingsniveau) at this agency.</summary>
    public IReadOnlyList<AgencyContact> Contacts { get; init; } = [];
    /// <summary>Client certificates (mutual TLS) that identify this agency's system: by SHA-256 thumbprint or by subject.</summary>
    public IReadOnlyList<AgencyCertificate> Certificates { get; init; } = [];

    public IEnumerable<AgencyContact> ContactsFor(int level, string role) =>
        Contacts.Where(c => c.Level == level && string.Equals(c.Role, role, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// How mail for an agency leaves the hub: always into its own queue, and additionally to a webhook
/// when one is configured. <see cref="Format"/> names the adapter that renders it.
/// </summary>
public sealed record DeliveryRoute
{
    /// <summary>queue (the agency reads its own queue) or webhook (the hub POSTs to <see cref="Url"/>).</summary>
    public string Kind { get; init; } = "queue";
    public Uri? Url { get; init; }
    /// <summary>canonical, jgz-fhir, bjz-xml, veiligheidshuis-json or school-csv.</summary>
    public string Format { get; init; } = "canonical";
}

/// <summary>One client certificate of an agency: its SHA-256 thumbprint (hex), or its subject distinguished name.</summary>
public sealed record AgencyCertificate
{
    public string? Thumbprint { get; init; }
    public string? Subject { get; init; }
}

public sealed record AgencyContact
{
    public int Level { get; init; }
    public string Role { get; init; } = "";
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
}

public static class AgencyKinds
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
        { "jgz", "bureau-jeugdzorg", "veiligheidshuis", "school", "cjg", "gemeente", "other" };
}
