namespace IntegrationHub.Adapters.School.Inbound;

/// <summary>
/// Maps a canonical JSON pointer from <c>HandoverValidator</c> back to the Dutch column the value
/// came from, so the school's staff see "Geboortedatum" rather than "/subject/birthDate".
/// </summary>
static class CanonicalColumns
{
    static readonly (string Pointer, string Column)[] Fixed =
    [
        ("/messageId", SchoolColumns.MessageNumber),
        ("/predecessorHandoverId", SchoolColumns.PreviousHandover),
        ("/sender/agencyId", SchoolColumns.SchoolCode),
        ("/sender/professional/role", SchoolColumns.ContactRole),
        ("/sender/professional/phone", SchoolColumns.ContactPhone),
        ("/sender/professional/email", SchoolColumns.ContactEmail),
        ("/sender/professional", SchoolColumns.Contact),
        ("/sender", SchoolColumns.SchoolCode),
        ("/receiver", SchoolColumns.Receiver),
        ("/urgency", SchoolColumns.Urgency),
        ("/purpose", SchoolColumns.MessageType),
        ("/legalBasis/consentGivenBy", SchoolColumns.ConsentBy),
        ("/legalBasis/consentDate", SchoolColumns.ConsentDate),
        ("/legalBasis/reference", SchoolColumns.LegalReference),
        ("/legalBasis", SchoolColumns.LegalBasis),
        ("/subject/bsn", SchoolColumns.Bsn),
        ("/subject/givenName", SchoolColumns.GivenName),
        ("/subject/familyName", SchoolColumns.FamilyName),
        ("/subject/birthDate", SchoolColumns.BirthDate),
        ("/subject/address/street", SchoolColumns.Street),
        ("/subject/address/houseNumber", SchoolColumns.HouseNumber),
        ("/subject/address/postalCode", SchoolColumns.PostalCode),
        ("/subject/address/city", SchoolColumns.City),
        ("/subject", SchoolColumns.Bsn),
        ("/family/guardians/0/relationship", SchoolColumns.Relationship),
        ("/family/guardians/0/hasAuthority", SchoolColumns.Authority),
        ("/family/guardians/0/phone", SchoolColumns.GuardianPhone),
        ("/family/guardians/0/email", SchoolColumns.GuardianEmail),
        ("/family/guardians", SchoolColumns.Guardian),
        ("/family/siblings/0/givenName", SchoolColumns.SiblingGivenName),
        ("/family/siblings/0/familyName", SchoolColumns.SiblingFamilyName),
        ("/family/siblings/0/birthDate", SchoolColumns.SiblingBirthDate),
        ("/family/siblings", SchoolColumns.SiblingBsn),
        ("/requestedAction", SchoolColumns.RequestedAction),
        ("/involvedProfessionals/0/professional/role", SchoolColumns.InvolvedRole),
        ("/involvedProfessionals", SchoolColumns.Involved),
        ("/summary", SchoolColumns.Remarks),
    ];

    public static string? For(string pointer, IReadOnlyList<string> concernColumns)
    {
        var parts = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts is ["concerns", var index, ..] && int.TryParse(index, out var i) && i < concernColumns.Count)
            return concernColumns[i];
        if (parts is ["concerns", ..])
            return concernColumns.Count > 0 ? concernColumns[0] : SchoolColumns.Concerns[0].Column;
        foreach (var (prefix, column) in Fixed)
            if (pointer == prefix || pointer.StartsWith(prefix + "/", StringComparison.Ordinal))
                return column;
        return null;
    }
}
