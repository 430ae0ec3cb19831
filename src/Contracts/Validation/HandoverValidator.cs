using System.Text.Json;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Contracts.Validation;

/// <summary>
/// Validates a handover against the published schema and against what a schema cannot say: the BSN
/// 11-check, birth dates in a sane range, a receiver other than the sender, both agencies known in the
/// directory, attachments only by https: or urn: reference, and consent that fits the child's age
/// (BRIEF.md §7). Reasons name the rule, never the value (it may be a BSN or a birth date).
/// </summary>
public sealed class HandoverValidator(IAgencyLookup agencies, TimeProvider clock, IntakeLimits? limits = null)
{
    public const string SupportedSchemaVersion = "1.0";

    /// <summary>
    /// Schemes an attachment may be referenced by: the receiver fetches it itself, over TLS (https:) or
    /// by a name in its own document store (urn:). javascript:, data:, file: and plain http: never travel on.
    /// </summary>
    static readonly string[] AttachmentSchemes = ["https", "urn"];

    readonly IntakeLimits _limits = limits ?? IntakeLimits.Default;

    public ValidationOutcome<HandoverDocument> Validate(string json) =>
        ValidationOutcome<HandoverDocument>.Run(json, ContractSchemas.Handover, CheckDomain);

    void CheckDomain(JsonElement root, ValidationReport report)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        CheckSchemaVersion(root, report);

        CheckPerson(root, "/subject", today, report);
        for (var i = 0; i < JsonFields.Count(root, "/family/siblings"); i++)
            CheckPerson(root, $"/family/siblings/{i}", today, report);
        for (var i = 0; i < JsonFields.Count(root, "/family/guardians"); i++)
            CheckBsn(root, $"/family/guardians/{i}", report);

        var sender = JsonFields.String(root, "/sender/agencyId");
        var receiver = JsonFields.String(root, "/receiver/agencyId");
        if (sender is not null && !agencies.Contains(sender))
            report.Add("/sender/agencyId", "is not in the hub's agency directory");
        if (receiver is not null && !agencies.Contains(receiver))
            report.Add("/receiver/agencyId", "is not in the hub's agency directory");
        if (sender is not null && sender == receiver)
            report.Add("/receiver/agencyId", "the receiver must be another agency than the sender");

        for (var i = 0; i < JsonFields.Count(root, "/attachments"); i++)
            CheckAttachmentUri(root, $"/attachments/{i}/uri", report);

        CheckConsent(root, today, report);
    }

    /// <summary>The schema's <c>const</c> is not enforced by the schema library: a number, null or "2.0" is refused here.</summary>
    internal static void CheckSchemaVersion(JsonElement root, ValidationReport report)
    {
        if (JsonFields.At(root, "/schemaVersion") is not { } version)
            return;
        if (version.ValueKind != JsonValueKind.String)
            report.Add("/schemaVersion", $"must be the string \"{SupportedSchemaVersion}\"");
        else if (version.GetString() != SupportedSchemaVersion)
            report.Add("/schemaVersion", $"is not a version this hub accepts; it accepts \"{SupportedSchemaVersion}\"");
    }

    /// <summary>Malformed BSNs are reported by the schema's pattern; the 11-check is for nine digits that lie.</summary>
    internal static void CheckBsn(JsonElement root, string at, ValidationReport report)
    {
        var bsn = JsonFields.String(root, $"{at}/bsn");
        if (bsn is { Length: 9 } && bsn.All(char.IsAsciiDigit) && !Bsn.PassesElevenCheck(bsn))
            report.Add($"{at}/bsn", "is not a valid BSN (fails the 11-check)");
    }

    void CheckPerson(JsonElement root, string at, DateOnly today, ValidationReport report)
    {
        CheckBsn(root, at, report);

        if (JsonFields.Date(root, $"{at}/birthDate") is { } birth)
        {
            if (birth > today)
                report.Add($"{at}/birthDate", "lies in the future");
            else if (birth < _limits.EarliestDate)
                report.Add($"{at}/birthDate", $"lies before {_limits.EarliestDate:yyyy-MM-dd}, the earliest date this hub accepts");
        }
    }

    static void CheckAttachmentUri(JsonElement root, string at, ValidationReport report)
    {
        if (JsonFields.String(root, at) is not { } uri || report.Has(at))
            return;
        var colon = uri.IndexOf(':');
        var scheme = colon > 0 ? uri[..colon] : "";
        if (!AttachmentSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase))
            report.Add(at, "must be an https: or urn: reference; other schemes (http:, file:, data:, javascript:) are not carried onward");
    }

    void CheckConsent(JsonElement root, DateOnly today, ValidationReport report)
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
            report.Add("/legalBasis/consentDate", "lies in the future");
        else if (consentDate < _limits.EarliestDate)
            report.Add("/legalBasis/consentDate", $"lies before {_limits.EarliestDate:yyyy-MM-dd}, the earliest date this hub accepts");

        // Parents consent through whoever holds parental authority (gezag): a parent without it cannot.
        if (givenBy.Contains("parents") && !HasGuardianWithAuthority(root))
            report.Add("/family/guardians", "parental consent needs a guardian with parental authority (hasAuthority true)");

        // Who may consent depends on the child's age: parents under 12, parents and the young person
        // from 12, the young person alone from 16 (BRIEF.md §7). The reason names the rule, not the age.
        if (givenBy.Count == 0 || JsonFields.Date(root, "/subject/birthDate") is not { } birth || birth > today || birth < _limits.EarliestDate)
            return;
        var age = AgeOn(birth, today);
        if (age < 12 && !givenBy.Contains("parents"))
            report.Add("/legalBasis/consentGivenBy", "under 12 the parents must consent (age from /subject/birthDate)");
        else if (age >= 16 && !givenBy.Contains("youth"))
            report.Add("/legalBasis/consentGivenBy", "from 16 the young person's own consent is needed (age from /subject/birthDate)");
        else if (age is >= 12 and < 16 && !(givenBy.Contains("youth") && givenBy.Contains("parents")))
            report.Add("/legalBasis/consentGivenBy", "from 12 to 15 both the parents and the young person must consent (age from /subject/birthDate)");
    }

    static bool HasGuardianWithAuthority(JsonElement root)
    {
        for (var i = 0; i < JsonFields.Count(root, "/family/guardians"); i++)
            if (JsonFields.At(root, $"/family/guardians/{i}/hasAuthority") is { ValueKind: JsonValueKind.True })
                return true;
        return false;
    }

    static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        return birth.AddYears(age) > day ? age - 1 : age;
    }
}
