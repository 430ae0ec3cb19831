using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Adapters.School.Inbound;

/// <summary>The pupil (leerling), the parent or guardian and one brother or sister, as the export has one column set for each.</summary>
static class SubjectMapper
{
    public static Person? Subject(SchoolRow row)
    {
        var bsn = row.Required(SchoolColumns.Bsn);
        var given = row.Required(SchoolColumns.GivenName);
        var family = row.Required(SchoolColumns.FamilyName);
        var birth = row.Required(SchoolColumns.BirthDate) is null ? null : row.Date(SchoolColumns.BirthDate);
        if (bsn is null || given is null || family is null || birth is null)
            return null;
        return new Person { Bsn = bsn, GivenName = given, FamilyName = family, BirthDate = birth.Value, Address = Address(row) };
    }

    static Address? Address(SchoolRow row)
    {
        string[] columns = [SchoolColumns.Street, SchoolColumns.HouseNumber, SchoolColumns.PostalCode, SchoolColumns.City];
        if (!columns.Any(row.Has))
            return null;
        return new Address
        {
            Street = row.Get(SchoolColumns.Street),
            HouseNumber = row.Get(SchoolColumns.HouseNumber),
            // Administrations store "5038ab" as typed; the canonical form is upper case.
            PostalCode = row.Get(SchoolColumns.PostalCode)?.ToUpperInvariant(),
            City = row.Get(SchoolColumns.City),
        };
    }

    public static Family? Family(SchoolRow row)
    {
        var guardian = Guardian(row);
        var sibling = Sibling(row);
        if (guardian is null && sibling is null)
            return null;
        return new Family { Guardians = guardian is null ? null : [guardian], Siblings = sibling is null ? null : [sibling] };
    }

    static Guardian? Guardian(SchoolRow row)
    {
        string[] columns = [SchoolColumns.Guardian, SchoolColumns.Relationship, SchoolColumns.Authority, SchoolColumns.GuardianPhone, SchoolColumns.GuardianEmail];
        if (!columns.Any(row.Has))
            return null;
        var when = $"when parent/guardian columns are filled";
        var name = row.Required(SchoolColumns.Guardian, when);
        var relationship = row.Required(SchoolColumns.Relationship, when) is null ? null : row.Term(SchoolColumns.Relationship, DutchTerms.Relationship);
        bool? authority = null;
        if (row.Get(SchoolColumns.Authority) is { } gezag)
        {
            authority = DutchTerms.YesNo(gezag);
            if (authority is null)
                row.Problem(SchoolColumns.Authority, "must be ja or nee");
        }
        if (name is null || relationship is null)
            return null;
        return new Guardian
        {
            Name = name, Relationship = relationship, HasAuthority = authority,
            Phone = row.Get(SchoolColumns.GuardianPhone), Email = row.Get(SchoolColumns.GuardianEmail),
        };
    }

    static Person? Sibling(SchoolRow row)
    {
        string[] columns = [SchoolColumns.SiblingBsn, SchoolColumns.SiblingGivenName, SchoolColumns.SiblingFamilyName, SchoolColumns.SiblingBirthDate];
        if (!columns.Any(row.Has))
            return null;
        var when = "when a brother or sister is named";
        var bsn = row.Required(SchoolColumns.SiblingBsn, when);
        var given = row.Required(SchoolColumns.SiblingGivenName, when);
        var family = row.Required(SchoolColumns.SiblingFamilyName, when);
        var birth = row.Required(SchoolColumns.SiblingBirthDate, when) is null ? null : row.Date(SchoolColumns.SiblingBirthDate);
        if (bsn is null || given is null || family is null || birth is null)
            return null;
        return new Person { Bsn = bsn, GivenName = given, FamilyName = family, BirthDate = birth.Value };
    }
}
