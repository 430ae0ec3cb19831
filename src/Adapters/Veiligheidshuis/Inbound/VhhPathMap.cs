namespace IntegrationHub.Adapters.Veiligheidshuis.Inbound;

/// <summary>
/// Where each part of the canonical message came from in the Veiligheidshuis JSON, recorded while
/// reading, so a problem <c>HandoverValidator</c> finds at <c>/family/siblings/0/bsn</c> is reported
/// at <c>/gezin/broersZussen/0/bsn</c>. The longest recorded prefix wins; the rest is translated field by field.
/// </summary>
sealed class VhhPathMap
{
    static readonly Dictionary<string, string?> FieldNames = new()
    {
        ["bsn"] = "bsn", ["givenName"] = "voornaam", ["familyName"] = "achternaam", ["birthDate"] = "geboortedatum",
        ["address"] = "adres", ["street"] = "straat", ["houseNumber"] = "huisnummer", ["postalCode"] = "postcode", ["city"] = "plaats",
        ["name"] = "naam", ["relationship"] = "relatie", ["hasAuthority"] = "gezag", ["phone"] = "telefoon", ["email"] = "email",
        ["role"] = "functie", ["domain"] = "domein", ["description"] = "omschrijving", ["agencyId"] = "instantie",
        // A professional's fields sit directly on the person object in this format.
        ["professional"] = null,
    };

    readonly List<(string Canonical, string Source)> _entries = [];

    public void Add(string canonical, string source) => _entries.Add((canonical, source));

    public string? Map(string pointer)
    {
        var best = _entries
            .Where(e => pointer == e.Canonical || pointer.StartsWith(e.Canonical + "/", StringComparison.Ordinal))
            .OrderByDescending(e => e.Canonical.Length)
            .Select(e => ((string Canonical, string Source)?)e)
            .FirstOrDefault();
        if (best is not { } entry)
            return null;
        var rest = pointer[entry.Canonical.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => FieldNames.TryGetValue(part, out var dutch) ? dutch : part)
            .Where(part => part is not null);
        return string.Concat(entry.Source, string.Concat(rest.Select(p => "/" + p)));
    }
}
