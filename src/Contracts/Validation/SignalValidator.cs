using System.Text.Json;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Signals;

namespace IntegrationHub.Contracts.Validation;

/// <summary>
/// Validates a signal against signal.schema.json and what a schema cannot say: BSN 11-checks, a young person
/// (under 23, not born in the future), a known agency, a meeting id with every case-meeting signal. Reasons name
/// the rule, never the value.
/// </summary>
public sealed class SignalValidator(IAgencyLookup agencies, TimeProvider clock, IntakeLimits? limits = null)
{
    /// <summary>The referral index holds young people up to 23 (CHAIN.md §1).</summary>
    public const int AgeLimit = 23;

    readonly IntakeLimits _limits = limits ?? IntakeLimits.Default;

    public ValidationOutcome<SignalDocument> Validate(string json) =>
        ValidationOutcome<SignalDocument>.Run(json, ContractSchemas.Signal, CheckDomain);

    void CheckDomain(JsonElement root, ValidationReport report)
    {
        HandoverValidator.CheckSchemaVersion(root, report);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (JsonFields.String(root, "/agencyId") is { } agency && !agencies.Contains(agency))
            report.Add("/agencyId", "is not in the hub's agency directory");

        HandoverValidator.CheckBsn(root, "/subject", report);
        if (JsonFields.Date(root, "/subject/birthDate") is { } birth)
        {
            if (birth > today)
                report.Add("/subject/birthDate", "lies in the future");
            else if (birth < _limits.EarliestDate)
                report.Add("/subject/birthDate", $"lies before {_limits.EarliestDate:yyyy-MM-dd}, the earliest date this hub accepts");
            else if (birth.AddYears(AgeLimit) <= today)
                report.Add("/subject/birthDate", $"the referral index holds young people under {AgeLimit}");
        }
        for (var i = 0; i < JsonFields.Count(root, "/family/guardians"); i++)
        {
            HandoverValidator.CheckBsn(root, $"/family/guardians/{i}", report);
            if (JsonFields.At(root, $"/family/guardians/{i}/bsn") is null && JsonFields.At(root, $"/family/guardians/{i}/name") is null)
                report.Add($"/family/guardians/{i}", "names a guardian by bsn or name");
        }
        for (var i = 0; i < JsonFields.Count(root, "/family/siblings"); i++)
        {
            HandoverValidator.CheckBsn(root, $"/family/siblings/{i}", report);
            if (JsonFields.String(root, $"/family/siblings/{i}/bsn") is { } sibling && sibling == JsonFields.String(root, "/subject/bsn"))
                report.Add($"/family/siblings/{i}/bsn", "is the subject's own BSN");
            if (JsonFields.Date(root, $"/family/siblings/{i}/birthDate") is { } siblingBirth && siblingBirth > today)
                report.Add($"/family/siblings/{i}/birthDate", "lies in the future");
        }
        var kind = JsonFields.String(root, "/kind");
        if (kind == SignalKinds.CaseMeeting && JsonFields.At(root, "/meetingId") is null)
            report.Add("/meetingId", "is required with kind case-meeting: which meeting discussed the child");
        if (kind is not null && kind != SignalKinds.CaseMeeting && JsonFields.At(root, "/meetingId") is not null)
            report.Add("/meetingId", "belongs to case-meeting signals only");
    }
}
