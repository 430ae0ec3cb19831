namespace IntegrationHub.Adapters.School;

/// <summary>
/// The Dutch column headers of the school export (leerlingadministratie, ParnasSys/Magister-like).
/// Inbound and outbound handover rows share these names, so a school imports what it exports.
/// </summary>
public static class SchoolColumns
{
    public const string MessageType = "Berichttype";
    public const string MessageNumber = "Berichtnummer";
    public const string SchoolCode = "Schoolcode";
    public const string Receiver = "Ontvanger";
    public const string Urgency = "Urgentie";
    public const string LegalBasis = "Grondslag";
    public const string ConsentBy = "Toestemming door";
    public const string ConsentDate = "Datum toestemming";
    public const string LegalReference = "Wettelijke grondslag";
    public const string Bsn = "BSN";
    public const string GivenName = "Voornaam";
    public const string FamilyName = "Achternaam";
    public const string BirthDate = "Geboortedatum";
    public const string Street = "Straat";
    public const string HouseNumber = "Huisnummer";
    public const string PostalCode = "Postcode";
    public const string City = "Plaats";
    public const string Guardian = "Ouder/verzorger";
    public const string Relationship = "Relatie";
    public const string Authority = "Gezag";
    public const string GuardianPhone = "Telefoon ouder";
    public const string GuardianEmail = "E-mail ouder";
    public const string SiblingBsn = "BSN broer/zus";
    public const string SiblingGivenName = "Voornaam broer/zus";
    public const string SiblingFamilyName = "Achternaam broer/zus";
    public const string SiblingBirthDate = "Geboortedatum broer/zus";
    public const string AbsenceKind = "Soort verzuim";
    public const string AbsenceHours = "Verzuim uren";
    public const string AbsenceFrom = "Verzuim van";
    public const string AbsenceUntil = "Verzuim tot en met";
    public const string RequestedAction = "Gevraagde actie";
    public const string Contact = "Contactpersoon";
    public const string ContactRole = "Rol";
    public const string ContactPhone = "Telefoon";
    public const string ContactEmail = "E-mail";
    public const string Involved = "Betrokken professional";
    public const string InvolvedRole = "Rol betrokkene";
    public const string Remarks = "Toelichting";
    /// <summary>
    /// Optional, after the layout: the hub's number of the school's earlier handover of this pupil that this one re-routes
    /// (after a rejection or withdrawal), so the re-route deadline on that one is met.
    /// </summary>
    public const string PreviousHandover = "Vorige overdracht";

    /// <summary>Concern columns (zorgen per leefgebied) and the canonical life domain each fills.</summary>
    public static readonly IReadOnlyList<(string Column, string Domain)> Concerns =
    [
        ("Zorgen school", "school"),
        ("Zorgen gezin", "family"),
        ("Zorgen gezondheid", "health"),
        ("Zorgen ontwikkeling", "development"),
        ("Zorgen veiligheid", "safety"),
        ("Zorgen justitie", "justice"),
        ("Zorgen middelengebruik", "substance-use"),
        ("Zorgen financiën", "finance"),
        ("Zorgen huisvesting", "housing"),
    ];

    /// <summary>Without these the header cannot carry a referral at all.</summary>
    public static readonly IReadOnlyList<string> RequiredInHeader =
        [MessageType, MessageNumber, SchoolCode, Receiver, Bsn, GivenName, FamilyName, BirthDate, Contact];

    /// <summary>The full inbound layout in its documented order (also the order of the golden files).</summary>
    public static readonly IReadOnlyList<string> InboundLayout =
    [
        MessageType, MessageNumber, SchoolCode, Receiver, Bsn, GivenName, FamilyName, BirthDate,
        Street, HouseNumber, PostalCode, City, Guardian, Relationship, Authority, GuardianPhone, GuardianEmail,
        SiblingBsn, SiblingGivenName, SiblingFamilyName, SiblingBirthDate,
        Urgency, LegalBasis, ConsentBy, ConsentDate, LegalReference,
        .. Concerns.Select(c => c.Column),
        AbsenceKind, AbsenceHours, AbsenceFrom, AbsenceUntil,
        RequestedAction, Contact, ContactRole, ContactPhone, ContactEmail, Involved, InvolvedRole, Remarks,
    ];
}
