using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using IntegrationHub.Contracts.Handover;
using FhirTask = Hl7.Fhir.Model.Task;

namespace IntegrationHub.Adapters.Jgz.Inbound;

/// <summary>
/// A Task whose status changed becomes feedback (terugkoppeling) on the handover it names:
/// received is receipt, accepted/in-progress care started, completed care ended, rejected a
/// rejection, cancelled a withdrawal by the sender. A business status of the hub's feedback-kind system
/// says what the status alone cannot (progress, aftercare plan, waiting list, retained, closed).
/// </summary>
sealed class FeedbackReader(ResourceIndex index, Translation t)
{
    readonly PartyReader _parties = new(index, t);

    /// <summary>The Task's own id and version (Task/{id}/_history/{version}), as the retour quotes it.</summary>
    public string? SourceMessageId { get; private set; }

    public (JsonObject Doc, Guid? HandoverId) Read(Located located)
    {
        var task = located.As<FhirTask>();
        var doc = new JsonObject { ["schemaVersion"] = "1.0" };
        MessageId(doc, located);
        var handoverId = HandoverId(doc, located);

        t.Source("/kind", $"{located.Path}.status");
        var kind = Kind(task)!;
        doc["kind"] = kind;

        By(doc, located, kind);
        At(doc, located);
        Details(doc, located, kind);
        return (doc, handoverId);
    }

    /// <summary>The kind by status (TaskRoles has made sure it is a feedback status).</summary>
    static string? Kind(FhirTask task)
    {
        var status = task.Status?.GetLiteral() ?? "";
        // A progress report (voortgang) is an in-progress Task that says so in its business status; likewise the others.
        foreach (var (special, onStatus) in JgzVocabulary.BusinessStatusKinds)
            if (status == onStatus && FhirValues.Has(task.BusinessStatus, JgzSystems.FeedbackKind, special))
                return special;
        return JgzVocabulary.FeedbackKindOf(status);
    }

    void MessageId(JsonObject doc, Located located)
    {
        var task = located.As<FhirTask>();
        t.Source("/messageId", $"{located.Path}.id");
        var version = FhirValues.NonEmpty(task.Meta?.VersionId) ?? FhirValues.NonEmpty(task.LastModified);
        if (FhirValues.NonEmpty(task.Id) is not { } id)
            t.Problem($"{located.Path}.id", "is required: with meta.versionId it identifies this status change, so a resend is recognised", "/messageId");
        else if (version is null)
            t.Problem($"{located.Path}.meta.versionId", "is required (or Task.lastModified): it tells this status change from earlier ones", "/messageId");
        else
        {
            doc["messageId"] = DeterministicId.From("jgz", $"{id}/{version}").ToString();
            SourceMessageId = $"Task/{id}/_history/{version}";
        }
    }

    /// <summary>The hub's handover id: Task.identifier of the handover system, else basedOn/focus naming the handover's Task.</summary>
    Guid? HandoverId(JsonObject doc, Located located)
    {
        var task = located.As<FhirTask>();
        string? value = null, path = null;
        if (FhirValues.Identifier(task.Identifier, JgzSystems.Handover) is var (identifier, i))
            (value, path) = (identifier.Value, $"{located.Path}.identifier[{i}].value");
        else
        {
            var candidates = task.BasedOn.Select((r, n) => ((ResourceReference?)r, $"{located.Path}.basedOn[{n}]")).Append((task.Focus, $"{located.Path}.focus"));
            foreach (var (reference, referencePath) in candidates)
            {
                if (reference?.Identifier is { System: JgzSystems.Handover } logical)
                    (value, path) = (logical.Value, $"{referencePath}.identifier.value");
                else if (reference?.Reference is { } target && ResourceIndex.TypeAndId(target) is ("Task", var taskId) && Guid.TryParse(taskId, out _))
                    (value, path) = (taskId, $"{referencePath}.reference");
                if (path is not null)
                    break;
            }
        }
        if (path is null)
        {
            t.Problem($"{located.Path}.identifier",
                $"names no handover: give an identifier with system {JgzSystems.Handover} (the hub's handover id), or basedOn Task/<handover id>", "/handoverId");
            return null;
        }
        t.Source("/handoverId", path);
        if (!Guid.TryParse(value, out var handoverId))
        {
            t.Problem(path, "is not a UUID (the hub's handover id)", "/handoverId");
            return null;
        }
        doc["handoverId"] = handoverId.ToString();
        return handoverId;
    }

    /// <summary>Feedback comes from the receiver (Task.owner); a withdrawal from the sender (Task.requester).</summary>
    void By(JsonObject doc, Located located, string kind)
    {
        var task = located.As<FhirTask>();
        var (reference, path) = JgzVocabulary.IsSendersFeedback(kind)
            ? (task.Requester, $"{located.Path}.requester")
            : (task.Owner, $"{located.Path}.owner");
        t.Source("/by", path);
        if (reference is null)
        {
            t.Problem(path, $"is required: the agency giving this feedback ({(JgzVocabulary.IsSendersFeedback(kind) ? "the sender" : "the receiver")})", "/by");
            return;
        }
        if (_parties.AgencyId(reference, located, path, "/by/agencyId", out var role) is not { } agencyId)
        {
            t.Reported("/by");
            return;
        }
        var by = new JsonObject { ["agencyId"] = agencyId };
        if (role is not null && _parties.Professional(role, "/by/professional") is { } professional)
            by["professional"] = professional;
        doc["by"] = by;
    }

    void At(JsonObject doc, Located located)
    {
        if (located.As<FhirTask>().LastModified is not { } value)
            return;
        t.Source("/at", $"{located.Path}.lastModified");
        if (FhirValues.DateTime(value, out var why) is { } at)
            doc["at"] = FhirValues.Format(at);
        else
            t.Problem($"{located.Path}.lastModified", why!, "/at");
    }

    void Details(JsonObject doc, Located located, string kind)
    {
        var task = located.As<FhirTask>();
        if (kind is FeedbackKinds.Rejection or FeedbackKinds.Withdrawal or FeedbackKinds.AcceptedWaiting)
        {
            t.Source("/reason", $"{located.Path}.statusReason");
            if (FhirValues.Text(task.StatusReason) is { } reason)
                doc["reason"] = reason;
        }
        if (kind is FeedbackKinds.Withdrawal or FeedbackKinds.Closed
            && FhirValues.Find(task.StatusReason, JgzSystems.ReasonCode, $"{located.Path}.statusReason") is var (code, codePath))
        {
            t.Source("/reasonCode", $"{codePath}.code");
            if (FhirValues.NonEmpty(code.Code) is { } reasonCode)
                doc["reasonCode"] = reasonCode;
        }
        if (kind == FeedbackKinds.AcceptedWaiting && task.Restriction?.Period?.Start is { } start)
        {
            t.Source("/expectedStart", $"{located.Path}.restriction.period.start");
            if (FhirValues.Day(start, out var why) is { } day)
                doc["expectedStart"] = FhirValues.Format(day);
            else
                t.Problem($"{located.Path}.restriction.period.start", why!, "/expectedStart");
        }
        var suggested = task.Extension.FindIndex(e => e?.Url == JgzSystems.SuggestedAgencyExtension);
        if (suggested >= 0 && FhirValues.NonEmpty((task.Extension[suggested].Value as FhirString)?.Value) is { } agency)
        {
            doc["suggestedAgencyId"] = agency;
            t.Source("/suggestedAgencyId", $"{located.Path}.extension[{suggested}].value");
        }
        if (kind == FeedbackKinds.CareStarted && task.ExecutionPeriod?.End is { } end)
        {
            t.Source("/plannedEndDate", $"{located.Path}.executionPeriod.end");
            if (FhirValues.Day(end, out var why) is { } day)
                doc["plannedEndDate"] = FhirValues.Format(day);
            else
                t.Problem($"{located.Path}.executionPeriod.end", why!, "/plannedEndDate");
        }
        var notes = task.Note.Select(n => FhirValues.NonEmpty(n?.Text)).OfType<string>().ToList();
        if (notes.Count > 0)
        {
            var field = kind == FeedbackKinds.CareEnded ? "outcome" : "note";
            doc[field] = string.Join("\n\n", notes);
            t.Source($"/{field}", $"{located.Path}.note");
        }
    }
}
