using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using FhirTask = Hl7.Fhir.Model.Task;

namespace IntegrationHub.Adapters.Jgz.Inbound;

// The handover's parties and request: who hands over to whom, how urgent, for what purpose, what is
// asked and why.
sealed partial class HandoverReader
{
    void Sender(JsonObject doc, Located task, Located? serviceRequest)
    {
        var fhirTask = task.As<FhirTask>();
        var sr = serviceRequest?.As<ServiceRequest>();
        var (reference, container, path) = fhirTask.Requester is { } requester ? (requester, task, $"{task.Path}.requester")
            : sr?.Requester is { } srRequester ? (srRequester, serviceRequest!, $"{serviceRequest!.Path}.requester")
            : (null, task, $"{task.Path}.requester");
        t.Source("/sender", path);
        if (reference is null)
        {
            t.Problem(path, "is required: the sending agency (an Organization with the hub's agency id)", "/sender");
            return;
        }
        var agencyId = _parties.AgencyId(reference, container, path, "/sender/agencyId", out var role);
        if (agencyId is null)
        {
            t.Reported("/sender");
            return;
        }
        var sender = new JsonObject { ["agencyId"] = agencyId };
        doc["sender"] = sender;

        // The professional: the requesting PractitionerRole, else whoever requested the service,
        // else the one Practitioner in the message.
        var who = role;
        if (who is null && sr?.Requester is { Reference: { } target } && index.Resolve(target, serviceRequest!) is { Resource: Practitioner or PractitionerRole } requesting)
            who = requesting;
        if (who is null && index.OfType<Practitioner>(task).ToList() is [var only])
            who = only;
        if (who is not null && _parties.Professional(who, "/sender/professional") is { } professional)
            sender["professional"] = professional;
    }

    void Receiver(JsonObject doc, Located task, Located? serviceRequest)
    {
        var sr = serviceRequest?.As<ServiceRequest>();
        var (reference, container, path) = task.As<FhirTask>().Owner is { } owner ? (owner, task, $"{task.Path}.owner")
            : sr?.Performer is [var performer, ..] ? (performer, serviceRequest!, $"{serviceRequest!.Path}.performer[0]")
            : (null, task, $"{task.Path}.owner");
        t.Source("/receiver", path);
        if (reference is null)
        {
            t.Problem(path, "is required: the receiving agency (an Organization with the hub's agency id)", "/receiver");
            return;
        }
        if (_parties.AgencyId(reference, container, path, "/receiver/agencyId", out _) is { } agencyId)
            doc["receiver"] = new JsonObject { ["agencyId"] = agencyId };
        else
            t.Reported("/receiver");
    }

    /// <summary>Task.priority, else ServiceRequest.priority; FHIR's required value set is checked by the parser.</summary>
    void Urgency(JsonObject doc, Located task, Located? serviceRequest)
    {
        var (priority, path) = task.As<FhirTask>().Priority is { } taskPriority ? (taskPriority.GetLiteral(), $"{task.Path}.priority")
            : serviceRequest?.As<ServiceRequest>().Priority is { } srPriority ? (srPriority.GetLiteral(), $"{serviceRequest.Path}.priority")
            : ("routine", $"{task.Path}.priority");
        t.Source("/urgency", path);
        if (JgzVocabulary.UrgencyOf(priority) is { } urgency)
            doc["urgency"] = urgency;
        else
            t.Problem(path, "is not a FHIR request priority (routine, urgent, asap, stat)", "/urgency");
    }

    /// <summary>Purpose binding (doelbinding): care unless the ServiceRequest says protection or justice.</summary>
    void Purpose(JsonObject doc, Located? serviceRequest)
    {
        doc["purpose"] = "care";
        if (serviceRequest is null)
            return;
        if (FhirValues.Find(serviceRequest.As<ServiceRequest>().Category, JgzSystems.Purpose, $"{serviceRequest.Path}.category") is not var (coding, path))
            return;
        t.Source("/purpose", $"{path}.code");
        if (coding.Code is { } code && JgzVocabulary.Purposes.Contains(code))
            doc["purpose"] = code;
        else
            t.Problem($"{path}.code", $"is not a purpose; expected one of {string.Join(", ", JgzVocabulary.Purposes)}", "/purpose");
    }

    /// <summary>Concerns per life domain: each ServiceRequest.reasonCode with a domain coding and a text.</summary>
    void Concerns(JsonObject doc, Located serviceRequest)
    {
        var reasons = serviceRequest.As<ServiceRequest>().ReasonCode;
        var concerns = new JsonArray();
        t.Source("/concerns", $"{serviceRequest.Path}.reasonCode");
        for (var i = 0; i < reasons.Count; i++)
        {
            var path = $"{serviceRequest.Path}.reasonCode[{i}]";
            var at = $"/concerns/{concerns.Count}";
            var concern = new JsonObject();
            t.Source(at, path);
            if (FhirValues.Find(reasons[i], JgzSystems.LifeDomain, path) is var (coding, codingPath))
            {
                t.Source($"{at}/domain", $"{codingPath}.code");
                if (coding.Code is { } domain && JgzVocabulary.Domains.Contains(domain))
                    concern["domain"] = domain;
                else
                    t.Problem($"{codingPath}.code", $"is not a life domain; expected one of {string.Join(", ", JgzVocabulary.Domains)}", $"{at}/domain");
            }
            else
                t.Problem($"{path}.coding", $"has no coding of system {JgzSystems.LifeDomain}: each concern needs its life domain", $"{at}/domain");
            if (FhirValues.Text(reasons[i]) is { } description)
                concern["description"] = description;
            t.Source($"{at}/description", $"{path}.text");
            concerns.Add(concern);
        }
        doc["concerns"] = concerns;
    }

    void RequestedAction(JsonObject doc, Located serviceRequest)
    {
        var codePath = $"{serviceRequest.Path}.code";
        t.Source("/requestedAction", codePath);
        if (FhirValues.Find(serviceRequest.As<ServiceRequest>().Code, JgzSystems.RequestedAction, codePath) is not var (coding, path))
        {
            t.Problem(codePath, $"needs a coding of system {JgzSystems.RequestedAction} (assessment, care, case-meeting, aftercare)", "/requestedAction");
            return;
        }
        if (coding.Code is { } action && JgzVocabulary.RequestedActions.Contains(action))
            doc["requestedAction"] = action;
        else
            t.Problem($"{path}.code", $"is not a requested action; expected one of {string.Join(", ", JgzVocabulary.RequestedActions)}", "/requestedAction");
    }

    /// <summary>The referral letter's text: the ServiceRequest's notes, else the Task's description.</summary>
    void Summary(JsonObject doc, Located task, Located? serviceRequest)
    {
        var notes = serviceRequest?.As<ServiceRequest>().Note.Select(n => FhirValues.NonEmpty(n?.Text)).OfType<string>().ToList() ?? [];
        if (notes.Count > 0)
        {
            doc["summary"] = string.Join("\n\n", notes);
            t.Source("/summary", $"{serviceRequest!.Path}.note");
        }
        else if (FhirValues.NonEmpty(task.As<FhirTask>().Description) is { } description)
        {
            doc["summary"] = description;
            t.Source("/summary", $"{task.Path}.description");
        }
    }
}
