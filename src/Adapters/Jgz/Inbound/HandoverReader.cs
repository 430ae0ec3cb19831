using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace IntegrationHub.Adapters.Jgz.Inbound;

/// <summary>
/// A referral (verwijzing) becomes one canonical handover: Task (who to whom, how urgent),
/// ServiceRequest (what and why), Patient (the child), Organizations, Practitioner and Consent. The
/// message is a Bundle, or the Task itself with its resources contained.
/// </summary>
sealed partial class HandoverReader(Resource message, ResourceIndex index, Translation t, AdapterContext context)
{
    readonly PartyReader _parties = new(index, t);

    /// <summary>The sender's own id of the message (Bundle.id, Bundle.identifier.value or Task.id), as the retour quotes it.</summary>
    public string? SourceMessageId { get; private set; }

    public JsonObject Read(Located task)
    {
        var doc = new JsonObject { ["schemaVersion"] = "1.0" };
        MessageId(doc, task);
        HandoverId(doc, task);
        SentAt(doc, task);

        var serviceRequest = ServiceRequestOf(task);
        var patient = PatientOf(task, serviceRequest);

        Sender(doc, task, serviceRequest);
        Receiver(doc, task, serviceRequest);
        Urgency(doc, task, serviceRequest);
        Purpose(doc, serviceRequest);
        if (new LegalBasisReader(index, t, context.Clock).Read(task, serviceRequest, patient) is { } legalBasis)
            doc["legalBasis"] = legalBasis;

        if (patient is not null)
        {
            var reader = new PatientReader(t);
            doc["subject"] = reader.Subject(patient);
            if (reader.Guardians(patient) is { } guardians)
                doc["family"] = new JsonObject { ["guardians"] = guardians };
        }
        else
            // No child found: the problem with Task.for covers its parents too (they are Patient.contact).
            t.Reported("/family");
        if (serviceRequest is not null)
        {
            Concerns(doc, serviceRequest);
            RequestedAction(doc, serviceRequest);
        }
        Summary(doc, task, serviceRequest);
        return doc;
    }

    /// <summary>The sender's own id for this message makes a resend recognisable (idempotency).</summary>
    void MessageId(JsonObject doc, Located task)
    {
        var (source, path, required) = message switch
        {
            Bundle bundle => FhirValues.NonEmpty(bundle.Id) is { } id ? (id, "Bundle.id", "")
                : FhirValues.NonEmpty(bundle.Identifier?.Value) is { } value ? (value, "Bundle.identifier.value", "")
                : (null, "Bundle.id", "is required (or Bundle.identifier.value): it identifies the message, so a resend is recognised"),
            _ => FhirValues.NonEmpty(task.Resource.Id) is { } id ? (id, $"{task.Path}.id", "")
                : (null, $"{task.Path}.id", "is required: it identifies the handover Task, so a resend is recognised"),
        };
        t.Source("/messageId", path);
        if (source is null)
            t.Problem(path, required, "/messageId");
        else
        {
            doc["messageId"] = DeterministicId.From("jgz", source).ToString();
            SourceMessageId = source;
        }
    }

    void HandoverId(JsonObject doc, Located task)
    {
        if (FhirValues.Identifier(task.As<FhirTask>().Identifier, JgzSystems.Handover) is not var (id, i))
            return;
        var path = $"{task.Path}.identifier[{i}].value";
        t.Source("/handoverId", path);
        if (Guid.TryParse(id.Value, out var handoverId))
            doc["handoverId"] = handoverId.ToString();
        else
            t.Problem(path, "is not a UUID (the hub's handover id)", "/handoverId");
    }

    void SentAt(JsonObject doc, Located task)
    {
        if (message is Bundle { Timestamp: { } timestamp })
        {
            t.Source("/sentAt", "Bundle.timestamp");
            doc["sentAt"] = FhirValues.Format(timestamp);
            return;
        }
        if (task.As<FhirTask>().AuthoredOn is not { } authored)
            return;
        var path = $"{task.Path}.authoredOn";
        t.Source("/sentAt", path);
        if (FhirValues.DateTime(authored, out var why) is { } at)
            doc["sentAt"] = FhirValues.Format(at);
        else
            t.Problem(path, why!, "/sentAt");
    }

    /// <summary>Task.focus, else a ServiceRequest the Task is basedOn, else the only ServiceRequest there is.</summary>
    Located? ServiceRequestOf(Located task)
    {
        var fhirTask = task.As<FhirTask>();
        if (fhirTask.Focus?.Reference is not null)
            return _parties.Resolve(fhirTask.Focus, task, $"{task.Path}.focus", "/requestedAction", "ServiceRequest");
        foreach (var based in fhirTask.BasedOn)
            if (based?.Reference is { } target && index.Resolve(target, task) is { Resource: ServiceRequest } request)
                return request;
        var all = index.OfType<ServiceRequest>(task).ToList();
        if (all.Count == 1)
            return all[0];
        t.Problem($"{task.Path}.focus", all.Count == 0
            ? "names no ServiceRequest, and the message holds none: a handover needs one (what is asked, and why)"
            : "is required: the message holds several ServiceRequests, Task.focus says which one is handed over", "/requestedAction");
        t.Reported("/concerns");
        return null;
    }

    /// <summary>Task.for, else ServiceRequest.subject, else the only Patient there is.</summary>
    Located? PatientOf(Located task, Located? serviceRequest)
    {
        var fhirTask = task.As<FhirTask>();
        if (fhirTask.For?.Reference is not null)
            return _parties.Resolve(fhirTask.For, task, $"{task.Path}.for", "/subject", "Patient");
        if (serviceRequest?.As<ServiceRequest>().Subject is { Reference: not null } subject)
            return _parties.Resolve(subject, serviceRequest, $"{serviceRequest.Path}.subject", "/subject", "Patient");
        var all = index.OfType<Patient>(task).ToList();
        if (all.Count == 1)
            return all[0];
        t.Problem($"{task.Path}.for", all.Count == 0
            ? "names no Patient, and the message holds none: a handover needs the child"
            : "is required: the message holds several Patients, Task.for says which child is handed over", "/subject");
        return null;
    }
}
