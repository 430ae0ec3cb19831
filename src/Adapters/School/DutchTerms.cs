namespace IntegrationHub.Adapters.School;

/// <summary>
/// The Dutch words a school administration uses, both ways. Reading is lenient about case, hyphens
/// and spacing because export templates are edited by hand; writing always uses the first word.
/// </summary>
static class DutchTerms
{
    public static readonly Vocabulary Urgency = new([("regulier", "regular"), ("normaal", "regular"), ("spoed", "urgent"), ("crisis", "crisis")]);

    public static readonly Vocabulary LegalBasis = new([("toestemming", "consent"), ("wettelijke plicht", "legal-obligation"), ("veiligheid kind", "child-safety")]);

    public static readonly Vocabulary Relationship = new([
        ("moeder", "mother"), ("vader", "father"), ("voogd", "guardian"),
        ("pleegouder", "foster-parent"), ("pleegmoeder", "foster-parent"), ("pleegvader", "foster-parent"),
        ("anders", "other"), ("overig", "other")]);

    public static readonly Vocabulary RequestedAction = new([
        ("onderzoek", "assessment"), ("zorg", "care"), ("hulp", "care"), ("casusoverleg", "case-meeting"), ("nazorg", "aftercare")]);

    public static readonly Vocabulary Purpose = new([("zorg", "care"), ("bescherming", "protection"), ("justitie", "justice")]);

    public static readonly Vocabulary ConsentParty = new([("ouders", "parents"), ("ouder", "parents"), ("jeugdige", "youth"), ("leerling", "youth")]);

    public static readonly Vocabulary FeedbackStatus = new([
        ("Ontvangen", "receipt"), ("Afgewezen", "rejection"), ("Zorg gestart", "care-started"),
        ("Voortgang", "progress"), ("Zorg beëindigd", "care-ended"), ("Ingetrokken", "withdrawal"),
        ("Wachtlijst", "accepted-waiting"), ("Nazorgplan gemaakt", "aftercare-plan"), ("Zorg behouden", "retained"), ("Afgesloten", "closed")]);

    public static readonly Vocabulary DeadlineKind = new([
        ("Ontvangstbevestiging", "receipt"), ("Start zorg", "care-started"),
        ("Voortgangsrapportage", "progress"), ("Nazorgplan", "aftercare-plan"),
        ("Aflevering", "delivery"), ("Doorverwijzing", "reroute"), ("Wachtlijst", "waiting"), ("Op verzoek", "request")]);

    public static readonly Vocabulary EscalationReason = new([
        ("Geen contact", "no-contact"), ("Meningsverschil", "disagreement"), ("Afspraken niet nagekomen", "agreements-not-kept"),
        ("Geen capaciteit", "no-capacity"), ("Geen resultaat", "no-result"), ("Onveilig", "unsafe")]);

    public static readonly Vocabulary ReasonCode = new([
        ("Geen zorg nodig", "no-care-needed"), ("Verhuisd", "moved-away"), ("Toestemming ingetrokken", "consent-withdrawn"), ("Anders", "other")]);

    public static readonly Vocabulary NoticeKind = new([
        ("Overgangsplan nodig", "transition-plan-needed"), ("Bevestiging te laat", "acknowledgement-overdue"),
        ("Besluit", "decision"), ("Besluit niet nagekomen", "compliance-overdue")]);

    public static readonly Vocabulary RetourStatus = new([("Aangenomen", "accepted"), ("Afgekeurd", "refused")]);

    public static bool? YesNo(string value) => Vocabulary.Normalize(value) switch
    {
        "ja" or "j" => true,
        "nee" or "n" => false,
        _ => null,
    };

    public static string YesNo(bool value) => value ? "ja" : "nee";
}

/// <summary>A two-way word list: Dutch term to canonical word and back.</summary>
sealed class Vocabulary(IReadOnlyList<(string Dutch, string Canonical)> terms)
{
    public string? ToCanonical(string dutch)
    {
        var key = Normalize(dutch);
        foreach (var (d, c) in terms)
            if (Normalize(d) == key)
                return c;
        return null;
    }

    /// <summary>The first Dutch word for a canonical one; unknown words pass through so nothing is lost.</summary>
    public string ToDutch(string canonical)
    {
        foreach (var (d, c) in terms)
            if (c == canonical)
                return d;
        return canonical;
    }

    public string Accepted => string.Join(", ", terms.Select(t => t.Dutch).Distinct());

    public static string Normalize(string value) =>
        string.Join(' ', value.Trim().ToLowerInvariant().Replace('-', ' ').Replace('_', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
