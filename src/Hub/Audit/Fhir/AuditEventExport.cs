using System.Globalization;
using System.Text.Json;
using IntegrationHub.Contracts.Json;

namespace IntegrationHub.Hub.Audit.Fhir;

/// <summary>
/// The delivery log as a FHIR R4 Bundle (type collection) of AuditEvents, one per entry, for auditors
/// whose tools speak FHIR. Intake (accepted, rejected, refused) is a REST operation; delivery to an
/// agency is a transmission (ISO 21089 lifecycle "transmit").
/// </summary>
public static class AuditEventExport
{
    public const string AuditEventTypeSystem = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    public const string LifecycleSystem = "http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle";
    public const string DicomSystem = "http://dicom.nema.org/resources/ontology/DCM";
    public const string AgencySystem = "urn:integrationhub:agency";
    public const string MessageIdSystem = "urn:integrationhub:message-id";
    public const string HandoverIdSystem = "urn:integrationhub:handover-id";
    public const string KindSystem = "urn:integrationhub:delivery-kind";
    public const string ObserverSystem = "urn:integrationhub:system";
    public const string Observer = "integrationhub";

    public static string ToJson(IEnumerable<DeliveryLogRow> rows, DateTimeOffset now) =>
        JsonSerializer.Serialize(ToBundle(rows, now), HubJson.Options);

    public static FhirBundle ToBundle(IEnumerable<DeliveryLogRow> rows, DateTimeOffset now)
    {
        var entries = rows.Select(r => new FhirBundleEntry { FullUrl = "urn:uuid:" + new Guid(Convert.FromHexString(r.EntryHash[..32])), Resource = ToAuditEvent(r) }).ToList();
        return new FhirBundle
        {
            Id = "delivery-log-export-" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            Timestamp = Instant(now),
            Entry = entries.Count > 0 ? entries : null,
        };
    }

    public static AuditEvent ToAuditEvent(DeliveryLogRow row)
    {
        var delivered = row.Outcome == DeliveryOutcomes.Delivered;
        return new AuditEvent
        {
            Id = "delivery-log-" + row.Seq.ToString(CultureInfo.InvariantCulture),
            Type = delivered ? new Coding(LifecycleSystem, "transmit", "Transmit Record Lifecycle Event") : new Coding(AuditEventTypeSystem, "rest", "RESTful Operation"),
            Subtype = [new Coding(KindSystem, row.Kind)],
            Action = delivered ? AuditEventCodes.ActionExecute : AuditEventCodes.ActionCreate,
            Recorded = Instant(row.At),
            Outcome = row.Outcome switch
            {
                DeliveryOutcomes.Accepted or DeliveryOutcomes.Delivered => AuditEventCodes.OutcomeSuccess,
                // Refused: well-formed but not allowed in the handover's state; rejected: not a valid message at all.
                DeliveryOutcomes.Refused => AuditEventCodes.OutcomeMinorFailure,
                _ => AuditEventCodes.OutcomeSeriousFailure,
            },
            OutcomeDesc = row.Outcome,
            Agent = Agents(row),
            Source = new AuditEventSource
            {
                Observer = new Reference { Identifier = new Identifier(ObserverSystem, Observer), Display = "IntegrationHub" },
                Type = [new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server")],
            },
            Entity = Entities(row),
        };
    }

    static List<AuditEventAgent> Agents(DeliveryLogRow row)
    {
        // R4 needs at least one agent; a refused message whose sender could not be read still has one.
        var agents = new List<AuditEventAgent>
        {
            new()
            {
                Type = new CodeableConcept([new Coding(DicomSystem, "110153", "Source Role ID")]),
                Who = Nonempty(row.Sender) is { } sender ? new Reference { Identifier = new Identifier(AgencySystem, sender) } : new Reference { Display = "unidentified sender" },
                Requestor = true,
            },
        };
        if (Nonempty(row.Receiver) is { } receiver)
            agents.Add(new AuditEventAgent
            {
                Type = new CodeableConcept([new Coding(DicomSystem, "110152", "Destination Role ID")]),
                Who = new Reference { Identifier = new Identifier(AgencySystem, receiver) },
                Requestor = false,
            });
        return agents;
    }

    static List<AuditEventEntity> Entities(DeliveryLogRow row)
    {
        var systemObject = new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object");
        var details = new (string Type, string? Value)[]
        {
            ("purpose", row.Purpose), ("legal-basis", row.LegalBasis), ("subject-key", row.SubjectKey), ("channel", row.Channel),
            ("payload-sha256", row.PayloadSha256), ("sequence", row.Seq.ToString(CultureInfo.InvariantCulture)),
            ("prev-hash", row.PrevHash), ("chain-hash", row.EntryHash),
        };
        var entities = new List<AuditEventEntity>
        {
            new()
            {
                What = new Reference { Identifier = new Identifier(MessageIdSystem, row.MessageId) },
                Type = systemObject,
                Detail = details.Where(d => Nonempty(d.Value) is not null).Select(d => new AuditEventDetail(d.Type, d.Value!)).ToList(),
            },
        };
        if (Nonempty(row.HandoverId) is { } handover)
            entities.Add(new AuditEventEntity { What = new Reference { Identifier = new Identifier(HandoverIdSystem, handover) }, Type = systemObject });
        return entities;
    }

    /// <summary>FHIR strings may not be empty or blank.</summary>
    static string? Nonempty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString(DeliveryLogCsv.TimeFormat, CultureInfo.InvariantCulture);
}
