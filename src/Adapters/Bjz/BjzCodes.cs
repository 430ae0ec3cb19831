namespace IntegrationHub.Adapters.Bjz;

/// <summary>
/// One code list: the Dutch code BJZ systems use, and the canonical value it stands for. One-to-one,
/// so a handover survives the trip BJZ -> hub -> BJZ unchanged.
/// </summary>
sealed class CodeList
{
    readonly string _name;
    readonly Dictionary<string, string> _toCanonical = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> _toBjz = new(StringComparer.Ordinal);

    public CodeList(string name, params (string Bjz, string Canonical)[] pairs)
    {
        _name = name;
        foreach (var (bjz, canonical) in pairs)
        {
            _toCanonical.Add(bjz, canonical);
            _toBjz.Add(canonical, bjz);
        }
    }

    /// <summary>Unknown codes pass through unchanged: the XSD refuses them first, and the hub's validator would name them.</summary>
    public string ToCanonical(string bjz) => _toCanonical.GetValueOrDefault(bjz, bjz);

    /// <summary>The hub only renders validated documents, so an unknown value is a bug in the hub, not bad input.</summary>
    public string ToBjz(string canonical) =>
        _toBjz.TryGetValue(canonical, out var code)
            ? code
            : throw new InvalidOperationException($"'{canonical}' has no BJZ code in {_name}");

    /// <summary>For open lists (a notice kind added later): the BJZ code when there is one, else the canonical word.</summary>
    public string ToBjzOrSame(string canonical) => _toBjz.GetValueOrDefault(canonical, canonical);
}

/// <summary>The code lists of bjz.xsd (their canonical values are in the XSD's annotations too).</summary>
static class BjzCodes
{
    public static readonly CodeList Urgency = new("Urgentie",
        ("regulier", "regular"), ("urgent", "urgent"), ("crisis", "crisis"));

    /// <summary>Purpose binding (doelbinding).</summary>
    public static readonly CodeList Purpose = new("Doel",
        ("zorg", "care"), ("bescherming", "protection"), ("justitie", "justice"));

    /// <summary>Legal basis (grondslag).</summary>
    public static readonly CodeList LegalBasis = new("Grondslag/Soort",
        ("toestemming", "consent"), ("wettelijke-plicht", "legal-obligation"), ("veiligheid-kind", "child-safety"));

    public static readonly CodeList ConsentGivenBy = new("ToestemmingDoor",
        ("ouders", "parents"), ("jeugdige", "youth"));

    public static readonly CodeList Relationship = new("Relatie",
        ("moeder", "mother"), ("vader", "father"), ("voogd", "guardian"), ("pleegouder", "foster-parent"), ("anders", "other"));

    /// <summary>Life domain (leefgebied) of a concern.</summary>
    public static readonly CodeList Domain = new("Leefgebied",
        ("school", "school"), ("gezin", "family"), ("gezondheid", "health"), ("ontwikkeling", "development"),
        ("veiligheid", "safety"), ("justitie", "justice"), ("middelengebruik", "substance-use"),
        ("financien", "finance"), ("huisvesting", "housing"));

    public static readonly CodeList RequestedAction = new("GevraagdeActie",
        ("onderzoek", "assessment"), ("zorg", "care"), ("casusoverleg", "case-meeting"), ("nazorg", "aftercare"));

    /// <summary>Feedback kinds: the BJZ side names them by the element inside Terugkoppeling.</summary>
    public static readonly CodeList FeedbackKind = new("Terugkoppeling",
        ("Ontvangstbevestiging", "receipt"), ("Afwijzing", "rejection"), ("StartZorg", "care-started"),
        ("Voortgang", "progress"), ("EindeZorg", "care-ended"), ("Intrekking", "withdrawal"),
        ("Wachtlijst", "accepted-waiting"), ("Nazorgplan", "aftercare-plan"), ("ZorgBehouden", "retained"), ("Afgesloten", "closed"));

    /// <summary>Deadline (termijn) kinds in escalation notices; <c>verzoek</c>: an escalation on request, no deadline.</summary>
    public static readonly CodeList DeadlineKind = new("Termijn",
        ("ontvangstbevestiging", "receipt"), ("start-zorg", "care-started"), ("voortgang", "progress"), ("nazorgplan", "aftercare-plan"),
        ("aflevering", "delivery"), ("doorverwijzing", "reroute"), ("wachtlijst", "waiting"), ("verzoek", "request"));

    /// <summary>Why nobody else needs to take the child over (RedenCode, with Intrekking and Afgesloten).</summary>
    public static readonly CodeList ReasonCode = new("RedenCode",
        ("geen-zorg-nodig", "no-care-needed"), ("verhuisd", "moved-away"), ("toestemming-ingetrokken", "consent-withdrawn"), ("anders", "other"));

    /// <summary>Why an escalation was asked for (Escalatie/Reden).</summary>
    public static readonly CodeList EscalationReason = new("Escalatie/Reden",
        ("geen-contact", "no-contact"), ("meningsverschil", "disagreement"), ("afspraken-niet-nagekomen", "agreements-not-kept"),
        ("geen-capaciteit", "no-capacity"), ("geen-resultaat", "no-result"), ("onveilig", "unsafe"));

    /// <summary>The hub's own notices (Melding/Soort); a kind added later passes through as the hub names it.</summary>
    public static readonly CodeList NoticeKind = new("Melding/Soort",
        ("overgangsplan-nodig", "transition-plan-needed"), ("bevestiging-te-laat", "acknowledgement-overdue"),
        ("besluit", "decision"), ("besluit-niet-nagekomen", "compliance-overdue"));
}
