using System.Text.Json;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Feedback;
using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Contracts.Validation;

/// <summary>
/// Validates feedback (terugkoppeling) against the published schema, the directory and the hub's clock.
/// Whether the feedback fits the handover (its state, its dates, who gives it) is the intake's question:
/// see <see cref="FeedbackDateRules"/>.
/// </summary>
public sealed class FeedbackValidator(IAgencyLookup agencies, TimeProvider clock, IntakeLimits? limits = null)
{
    readonly IntakeLimits _limits = limits ?? IntakeLimits.Default;

    public ValidationOutcome<FeedbackDocument> Validate(string json) =>
        ValidationOutcome<FeedbackDocument>.Run(json, ContractSchemas.Feedback, CheckDomain);

    void CheckDomain(JsonElement root, ValidationReport report)
    {
        HandoverValidator.CheckSchemaVersion(root, report);

        var by = JsonFields.String(root, "/by/agencyId");
        if (by is not null && !agencies.Contains(by))
            report.Add("/by/agencyId", "is not in the hub's agency directory");
        var suggested = JsonFields.String(root, "/suggestedAgencyId");
        if (suggested is not null && !agencies.Contains(suggested))
            report.Add("/suggestedAgencyId", "is not in the hub's agency directory");

        var kind = JsonFields.String(root, "/kind");
        if (kind is FeedbackKinds.Rejection or FeedbackKinds.Withdrawal or FeedbackKinds.AcceptedWaiting && JsonFields.At(root, "/reason") is null)
            report.Add("/reason", $"is required for {kind}");
        if (kind == FeedbackKinds.AcceptedWaiting && JsonFields.At(root, "/expectedStart") is null)
            report.Add("/expectedStart", "is required for accepted-waiting: when care is expected to start");
        if (kind == FeedbackKinds.Closed && JsonFields.At(root, "/reasonCode") is null)
            report.Add("/reasonCode", "is required for closed: why nobody else needs to take the child over");

        var now = clock.GetUtcNow();
        DateTimeOffset? at = JsonFields.At(root, "/at") is { ValueKind: JsonValueKind.String } a && a.TryGetDateTimeOffset(out var when) ? when : null;
        if (at > now + _limits.ClockSkew)
            report.Add("/at", "lies in the future");
        if (JsonFields.Date(root, "/plannedEndDate") is { } plannedEnd && !report.Has("/at"))
            FeedbackDateRules.CheckPlannedEnd(plannedEnd, at ?? now, _limits, report);
    }
}
