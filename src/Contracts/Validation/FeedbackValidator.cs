using System.Text.Json;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Feedback;
using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Contracts.Validation;

/// <summary>
/// Validates feedback (terugkoppeling) against the published schema and the directory. Whether the
/// feedback fits the handover's state and comes from the right agency is the saga's question, not this one's.
/// </summary>
public sealed class FeedbackValidator(IAgencyLookup agencies, TimeProvider clock)
{
    /// <summary>Clocks at agencies drift; a few minutes ahead of the hub is not "in the future".</summary>
    static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    public ValidationOutcome<FeedbackDocument> Validate(string json) =>
        ValidationOutcome<FeedbackDocument>.Run(json, ContractSchemas.Feedback, CheckDomain);

    void CheckDomain(JsonElement root, ValidationReport report)
    {
        var version = JsonFields.String(root, "/schemaVersion");
        if (version is not null && version != HandoverValidator.SupportedSchemaVersion)
            report.Add("/schemaVersion", $"version '{version}' is not supported; this hub accepts {HandoverValidator.SupportedSchemaVersion}");

        var by = JsonFields.String(root, "/by/agencyId");
        if (by is not null && !agencies.Contains(by))
            report.Add("/by/agencyId", $"agency '{by}' is not in the hub's agency directory");
        var suggested = JsonFields.String(root, "/suggestedAgencyId");
        if (suggested is not null && !agencies.Contains(suggested))
            report.Add("/suggestedAgencyId", $"agency '{suggested}' is not in the hub's agency directory");

        var kind = JsonFields.String(root, "/kind");
        if (kind is FeedbackKinds.Rejection or FeedbackKinds.Withdrawal && JsonFields.At(root, "/reason") is null)
            report.Add("/reason", $"is required for {kind}");

        if (JsonFields.At(root, "/at") is { ValueKind: JsonValueKind.String } at
            && at.TryGetDateTimeOffset(out var when) && when > clock.GetUtcNow() + AllowedClockSkew)
            report.Add("/at", "lies in the future");
    }
}
