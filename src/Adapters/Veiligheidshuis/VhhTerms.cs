namespace IntegrationHub.Adapters.Veiligheidshuis;

/// <summary>
/// The case-meeting system's code lists (Dutch, lower case, hyphenated) and their canonical words.
/// Codes are matched exactly: they come from a system's drop-down lists, not from people typing.
/// </summary>
static class VhhTerms
{
    public static readonly Terms Urgency = new(("regulier", "regular"), ("spoed", "urgent"), ("crisis", "crisis"));
    public static readonly Terms LegalBasis = new(("toestemming", "consent"), ("wettelijke-plicht", "legal-obligation"), ("veiligheid-kind", "child-safety"));
    public static readonly Terms Purpose = new(("zorg", "care"), ("bescherming", "protection"), ("justitie", "justice"));
    public static readonly Terms Relationship = new(("moeder", "mother"), ("vader", "father"), ("voogd", "guardian"), ("pleegouder", "foster-parent"), ("anders", "other"));
    public static readonly Terms ConsentParty = new(("ouders", "parents"), ("jeugdige", "youth"));
    public static readonly Terms RequestedAction = new(("onderzoek", "assessment"), ("zorg", "care"), ("casusoverleg", "case-meeting"), ("nazorg", "aftercare"));
    public static readonly Terms Domain = new(
        ("school", "school"), ("gezin", "family"), ("gezondheid", "health"), ("ontwikkeling", "development"), ("veiligheid", "safety"),
        ("justitie", "justice"), ("middelengebruik", "substance-use"), ("financien", "finance"), ("huisvesting", "housing"));
    public static readonly Terms FeedbackKind = new(
        ("ontvangst", "receipt"), ("afwijzing", "rejection"), ("zorg-gestart", "care-started"),
        ("voortgang", "progress"), ("zorg-beeindigd", "care-ended"), ("intrekking", "withdrawal"),
        ("wachtlijst", "accepted-waiting"), ("nazorgplan", "aftercare-plan"), ("zorg-behouden", "retained"), ("afgesloten", "closed"));
    public static readonly Terms DeadlineKind = new(
        ("ontvangstbevestiging", "receipt"), ("start-zorg", "care-started"), ("voortgang", "progress"), ("nazorgplan", "aftercare-plan"),
        ("aflevering", "delivery"), ("doorverwijzing", "reroute"), ("wachtlijst", "waiting"), ("verzoek", "request"));
    public static readonly Terms ReasonCode = new(
        ("geen-zorg-nodig", "no-care-needed"), ("verhuisd", "moved-away"), ("toestemming-ingetrokken", "consent-withdrawn"), ("anders", "other"));
    public static readonly Terms EscalationReason = new(
        ("geen-contact", "no-contact"), ("meningsverschil", "disagreement"), ("afspraken-niet-nagekomen", "agreements-not-kept"),
        ("geen-capaciteit", "no-capacity"), ("geen-resultaat", "no-result"), ("onveilig", "unsafe"));
    public static readonly Terms NoticeKind = new(
        ("overgangsplan-nodig", "transition-plan-needed"), ("bevestiging-te-laat", "acknowledgement-overdue"),
        ("besluit", "decision"), ("besluit-niet-nagekomen", "compliance-overdue"));
    public static readonly Terms RetourStatus = new(("aangenomen", "accepted"), ("afgekeurd", "refused"));
}

sealed class Terms(params (string Dutch, string Canonical)[] pairs)
{
    public string? ToCanonical(string dutch) => pairs.FirstOrDefault(p => p.Dutch == dutch).Canonical;

    /// <summary>Unknown canonical words pass through unchanged so nothing is silently lost.</summary>
    public string ToDutch(string canonical) => pairs.FirstOrDefault(p => p.Canonical == canonical).Dutch ?? canonical;

    public string Accepted => string.Join(", ", pairs.Select(p => p.Dutch));
}
