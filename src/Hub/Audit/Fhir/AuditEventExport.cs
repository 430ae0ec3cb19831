using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace IntegrationHub.Hub.Audit.Fhir;

/// <summary>
/// The delivery log as a FHIR R4 Bundle (type collection) of AuditEvents, one per entry, for auditors
/// whose tools speak FHIR; built and written with the Firely SDK. Type and subtype come from the value
/// sets R4 binds them to: intake is a RESTful create (type rest, subtype create), delivery to an
/// agency is DICOM's Export event (110106). The hub's own kind of entry is an entity detail.
/// docs/audit.md has the mapping.
/// </summary>
public static class AuditEventExport
{
    public const string AuditEventTypeSystem = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    public const string RestfulInteractionSystem = "http://hl7.org/fhir/restful-interaction";
    public const string DicomSystem = "http://dicom.nema.org/resources/ontology/DCM";
    public const string AgencySystem = "urn:integrationhub:agency";
    public const string MessageIdSystem = "urn:integrationhub:message-id";
    public const string HandoverIdSystem = "urn:integrationhub:handover-id";
    public const string ObserverSystem = "urn:integrationhub:system";
    public const string Observer = "integrationhub";

    static readonly JsonSerializerOptions Json = new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }.ForFhir(ModelInfo.ModelInspector);

    public static string ToJson(IEnumerable<DeliveryLogRow> rows, DateTimeOffset now) =>
        JsonSerializer.Serialize<Resource>(ToBundle(rows, now), Json);

    public static Bundle ToBundle(IEnumerable<DeliveryLogRow> rows, DateTimeOffset now)
    {
        var bundle = new Bundle
        {
            Id = "delivery-log-export-" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            Type = Bundle.BundleType.Collection,
            TimestampElement = new Instant(now.ToUniversalTime()),
        };
        foreach (var row in rows)
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = "urn:uuid:" + new Guid(Convert.FromHexString(row.EntryHash[..32])),
                Resource = ToAuditEvent(row),
            });
        return bundle;
    }

    public static AuditEvent ToAuditEvent(DeliveryLogRow row)
    {
        var delivered = row.Outcome == DeliveryOutcomes.Delivered;
        // Retention deleting what the hub kept is a RESTful delete by the hub itself.
        var purged = row.Outcome is DeliveryOutcomes.Purged or DeliveryOutcomes.Withdrawn;
        // A look at the referral index (an agency's matches, an operator's family view) reads what the hub holds.
        var viewed = row.Outcome == DeliveryOutcomes.Viewed;
        var auditEvent = new AuditEvent
        {
            Id = "delivery-log-" + row.Seq.ToString(CultureInfo.InvariantCulture),
            // An agency's POST is a RESTful create; the hub handing mail to an agency exports data (DICOM PS3.15 A.5.3.5, EventActionCode R).
            Type = delivered ? new Coding(DicomSystem, "110106", "Export") : new Coding(AuditEventTypeSystem, "rest", "RESTful Operation"),
            Action = delivered || viewed ? AuditEvent.AuditEventAction.R : purged ? AuditEvent.AuditEventAction.D : AuditEvent.AuditEventAction.C,
            RecordedElement = new Instant(row.At.ToUniversalTime()),
            Outcome = row.Outcome switch
            {
                DeliveryOutcomes.Accepted or DeliveryOutcomes.Delivered or DeliveryOutcomes.Purged or DeliveryOutcomes.Withdrawn or DeliveryOutcomes.Viewed
                    => AuditEvent.AuditEventOutcome.N0,
                // Refused: well-formed but not allowed in the handover's state; rejected: not a valid message at all.
                DeliveryOutcomes.Refused => AuditEvent.AuditEventOutcome.N4,
                _ => AuditEvent.AuditEventOutcome.N8,
            },
            OutcomeDesc = Nonempty(row.Outcome),
            Source = new AuditEvent.SourceComponent
            {
                Observer = new ResourceReference { Identifier = new Identifier(ObserverSystem, Observer), Display = "IntegrationHub" },
                Type = [new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server")],
            },
        };
        if (purged)
            auditEvent.Subtype.Add(new Coding(RestfulInteractionSystem, "delete", "delete"));
        else if (viewed)
            auditEvent.Subtype.Add(new Coding(RestfulInteractionSystem, "search-type", "search-type"));
        else if (!delivered)
            auditEvent.Subtype.Add(new Coding(RestfulInteractionSystem, "create", "create"));
        auditEvent.Agent.AddRange(Agents(row));
        auditEvent.Entity.AddRange(Entities(row));
        return auditEvent;
    }

    static IEnumerable<AuditEvent.AgentComponent> Agents(DeliveryLogRow row)
    {
        // R4 needs at least one agent; a refused message whose sender could not be read still has one.
        yield return new AuditEvent.AgentComponent
        {
            Type = new CodeableConcept(DicomSystem, "110153", "Source Role ID"),
            Who = Nonempty(row.Sender) is { } sender
                ? new ResourceReference { Identifier = new Identifier(AgencySystem, sender) }
                : new ResourceReference { Display = "unidentified sender" },
            Requestor = true,
        };
        if (Nonempty(row.Receiver) is { } receiver)
            yield return new AuditEvent.AgentComponent
            {
                Type = new CodeableConcept(DicomSystem, "110152", "Destination Role ID"),
                Who = new ResourceReference { Identifier = new Identifier(AgencySystem, receiver) },
                Requestor = false,
            };
    }

    static IEnumerable<AuditEvent.EntityComponent> Entities(DeliveryLogRow row)
    {
        var systemObject = new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object");
        var details = new (string Type, string? Value)[]
        {
            ("kind", row.Kind), ("purpose", row.Purpose), ("legal-basis", row.LegalBasis), ("subject-key", row.SubjectKey), ("channel", row.Channel),
            ("payload-sha256", row.PayloadSha256), ("sequence", row.Seq.ToString(CultureInfo.InvariantCulture)),
            ("prev-hash", row.PrevHash), ("chain-hash", row.EntryHash),
        };
        var message = new AuditEvent.EntityComponent
        {
            What = new ResourceReference { Identifier = new Identifier(MessageIdSystem, row.MessageId) },
            Type = systemObject,
        };
        foreach (var (type, value) in details)
            if (Nonempty(value) is { } text)
                message.Detail.Add(new AuditEvent.DetailComponent { Type = type, Value = new FhirString(text) });
        yield return message;
        if (Nonempty(row.HandoverId) is { } handover)
            yield return new AuditEvent.EntityComponent { What = new ResourceReference { Identifier = new Identifier(HandoverIdSystem, handover) }, Type = systemObject };
    }

    /// <summary>FHIR strings may not be empty or blank.</summary>
    static string? Nonempty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
