using System.Text.Json;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Contracts.Validation;

/// <summary>
/// Validates a handover against the published schema and against what a schema cannot say: the BSN
/// 11-check, birth dates not in the future, a receiver other than the sender, both agencies known
/// in the directory, and consent that fits the child's age (BRIEF.md §7).
/// </summary>
public sealed class HandoverValidator(IAgencyLookup agencies, TimeProvider clock)
{
    public const string SupportedSchemaVersion = "1.0";

    public ValidationOutcome<HandoverDocument> Validate(string json) =>
        ValidationOutcome<HandoverDocument>.Run(json, ContractSchemas.Handover, CheckDomain);

    void CheckDomain(JsonElement root, ValidationReport report)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        var version = JsonFields.String(root, "/schemaVersion");
        if (version is not null && version != SupportedSchemaVersion)
            report.Add("/schemaVersion", $"version '{version}' is not supported; this hub accepts {SupportedSchemaVersion}");

        CheckPerson(root, "/subject", today, report);
        for (var i = 0; i < JsonFields.Count(root, "/family/siblings"); i++)
            CheckPerson(root, $"/family/siblings/{i}", today, report);

        var sender = JsonFields.String(root, "/sender/agencyId");
        var receiver = JsonFields.String(root, "/receiver/agencyId");
        if (sender is not null && !agencies.Contains(sender))
            report.Add("/sender/agencyId", $"agency '{sender}' is not in the hub's agency directory");
        if (receiver is not null && !agencies.Contains(receiver))
            report.Add("/receiver/agencyId", $"agency '{receiver}' is not in the hub's agency directory");
        if (sender is not null && sender == receiver)
            report.Add("/receiver/agencyId", "the receiver must be another agency than the sender");

        CheckConsent(root, today, report);
    }

    static void CheckPerson(JsonElement root, string at, DateOnly today, ValidationReport report)
    {
        var bsn = JsonFields.String(root, $"{at}/bsn");
        // Malformed BSNs are reported by the schema's pattern; the 11-check is for nine digits that lie.
        if (bsn is { Length: 9 } && bsn.All(char.IsAsciiDigit) && !Bsn.PassesElevenCheck(bsn))
            report.Add($"{at}/bsn", "is not a valid BSN (fails the 11-check)");

        if (JsonFields.Date(root, $"{at}/birthDate") is { } birth && birth > today)
            report.Add($"{at}/birthDate", $"{birth:yyyy-MM-dd} lies in the future");
    }

    static void CheckConsent(JsonElement root, DateOnly today, ValidationReport report)
    {
        if (JsonFields.String(root, "/legalBasis/kind") != "consent")
            return;
        var givenBy = JsonFields.Strings(root, "/legalBasis/consentGivenBy").ToHashSet();
        if (JsonFields.At(root, "/legalBasis/consentGivenBy") is null)
            report.Add("/legalBasis/consentGivenBy", "is required when the legal basis is consent");
        var consentDate = JsonFields.Date(root, "/legalBasis/consentDate");
        if (JsonFields.At(root, "/legalBasis/consentDate") is null)
            report.Add("/legalBasis/consentDate", "is required when the legal basis is consent");
        else if (consentDate > today)
            report.Add("/legalBasis/consentDate", $"{consentDate:yyyy-MM-dd} lies in the future");

        // Who may consent depends on the child's age: parents under 12, parents and the young person
        // from 12, the young person alone from 16 (BRIEF.md §7).
        if (givenBy.Count == 0 || JsonFields.Date(root, "/subject/birthDate") is not { } birth || birth > today)
            return;
        var age = AgeOn(birth, today);
        if (age >= 16 && !givenBy.Contains("youth"))
            report.Add("/legalBasis/consentGivenBy", $"the young person is {age}: from 16 the young person's own consent is needed");
        else if (age is >= 12 and < 16 && !(givenBy.Contains("youth") && givenBy.Contains("parents")))
            report.Add("/legalBasis/consentGivenBy", $"the young person is {age}: from 12 both the parents and the young person must consent");
    }

    static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        return birth.AddYears(age) > day ? age - 1 : age;
    }
}
