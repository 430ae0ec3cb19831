using System.Text.Json.Nodes;
using IntegrationHub.Adapters.Jgz.Fhir;

namespace IntegrationHub.Adapters.Jgz.Inbound;

/// <summary>
/// A referral bundle (verwijzing) becomes one canonical handover: Task (who to whom, how urgent),
/// ServiceRequest (what and why), Patient (the child), Organizations, Practitioner and Consent.
/// </summary>
sealed partial class HandoverReader(Bundle bundle, ResourceIndex index, Translation t)
{
    readonly PartyReader _parties = new(index, t);

    /// <summary>Statuses of a Task that asks for a new handover; anything further along is feedback.</summary>
    static readonly string[] RequestStatuses = ["requested", "ready"];

    public JsonObject? Read(Located task)
    {
        var fhirTask = task.As<FhirTask>();
        if (fhirTask.Status is not { } status || !RequestStatuses.Contains(status))
            t.Problem($"{task.Path}.status", $"'{fhirTask.Status}': a Task that hands a child over has status requested (feedback comes as a Task on its own)");

        var doc = new JsonObject { ["schemaVersion"] = "1.0" };
        MessageId(doc);
        HandoverId(doc, task);
        SentAt(doc, task);

        var serviceRequest = ServiceRequestOf(task);
        var patient = PatientOf(task, serviceRequest);

        Sender(doc, task, serviceRequest);
        Receiver(doc, task, serviceRequest);
        Urgency(doc, task, serviceRequest);
        Purpose(doc, serviceRequest);
        if (new LegalBasisReader(index, t).Read(task, serviceRequest) is { } legalBasis)
            doc["legalBasis"] = legalBasis;

        if (patient is not null)
        {
            var reader = new PatientReader(t);
            doc["subject"] = reader.Subject(patient);
            if (reader.Guardians(patient) is { } guardians)
                doc["family"] = new JsonObject { ["guardians"] = guardians };
        }
        if (serviceRequest is not null)
        {
            Concerns(doc, serviceRequest);
            RequestedAction(doc, serviceRequest);
        }
        Summary(doc, task, serviceRequest);
        return doc;
    }

    void MessageId(JsonObject doc)
    {
        // The sender's own id for this message makes a resend recognisable (idempotency).
        var (source, path) = FhirValues.NonEmpty(bundle.Id) is { } id ? (id, "Bundle.id")
            : FhirValues.NonEmpty(bundle.Identifier?.Value) is { } value ? (value, "Bundle.identifier.value")
            : (null, "Bundle.id");
        t.Source("/messageId", path);
        if (source is null)
            t.Problem("Bundle.id", "is required (or Bundle.identifier.value): it identifies the message, so a resend is recognised", "/messageId");
        else
            doc["messageId"] = DeterministicId.From("jgz", source).ToString();
    }

    void HandoverId(JsonObject doc, Located task)
    {
        if (FhirValues.Identifier(task.As<FhirTask>().Identifier, JgzSystems.Handover) is not (var id, var i))
            return;
        var path = $"{task.Path}.identifier[{i}].value";
        t.Source("/handoverId", path);
        if (Guid.TryParse(id.Value, out var handoverId))
            doc["handoverId"] = handoverId.ToString();
        else
            t.Problem(path, $"'{id.Value}' is not a UUID (the hub's handover id)", "/handoverId");
    }

    void SentAt(JsonObject doc, Located task)
    {
        var (value, path) = bundle.Timestamp is { } timestamp ? (timestamp, "Bundle.timestamp")
            : (task.As<FhirTask>().AuthoredOn, $"{task.Path}.authoredOn");
        if (value is null)
            return;
        t.Source("/sentAt", path);
        if (FhirValues.DateTime(value, out var why) is { } at)
            doc["sentAt"] = FhirValues.Format(at);
        else
            t.Problem(path, why!, "/sentAt");
    }

    Located? ServiceRequestOf(Located task)
    {
        var fhirTask = task.As<FhirTask>();
        if (fhirTask.Focus?.Ref is not null)
            return _parties.Resolve(fhirTask.Focus, task, $"{task.Path}.focus", "/requestedAction", "ServiceRequest");
        for (var i = 0; i < (fhirTask.BasedOn?.Count ?? 0); i++)
            if (fhirTask.BasedOn![i]?.Ref is { } target && index.Resolve(target, task) is { Resource: ServiceRequest } based)
                return based;
        var all = index.OfType<ServiceRequest>().ToList();
        if (all.Count == 1)
            return all[0];
        t.Problem($"{task.Path}.focus", all.Count == 0
            ? "the bundle holds no ServiceRequest: a handover needs one (what is asked, and why)"
            : "the bundle holds several ServiceRequests: Task.focus must say which one is handed over", "/requestedAction");
        t.Reported("/concerns");
        return null;
    }

    Located? PatientOf(Located task, Located? serviceRequest)
    {
        var fhirTask = task.As<FhirTask>();
        if (fhirTask.For?.Ref is not null)
            return _parties.Resolve(fhirTask.For, task, $"{task.Path}.for", "/subject", "Patient");
        if (serviceRequest?.As<ServiceRequest>().Subject is { Ref: not null } subject)
            return _parties.Resolve(subject, serviceRequest, $"{serviceRequest.Path}.subject", "/subject", "Patient");
        var all = index.OfType<Patient>().ToList();
        if (all.Count == 1)
            return all[0];
        t.Problem($"{task.Path}.for", all.Count == 0
            ? "the bundle holds no Patient: a handover needs the child"
            : "the bundle holds several Patients: Task.for must say which child is handed over", "/subject");
        return null;
    }
}
