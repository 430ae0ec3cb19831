using Hl7.Fhir.Model;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Jgz.Outbound.FhirBuild;
using FhirTask = Hl7.Fhir.Model.Task;

namespace IntegrationHub.Adapters.Jgz.Outbound;

/// <summary>
/// Feedback on a handover becomes the Task's new status, as a JGZ system would record it itself; what a status alone
/// cannot say is its business status. To the sender after a rejection or withdrawal, it says by when the sender must
/// re-route the child (extension reroute-due) and where to (suggested-agency).
/// </summary>
static class FeedbackRenderer
{
    public static FhirTask Render(AgencyMail mail)
    {
        var feedback = mail.FeedbackDocument();
        var kind = feedback.Kind;
        var text = Text(kind == FeedbackKinds.CareEnded ? feedback.Outcome ?? feedback.Note : feedback.Note);
        var reason = Text(feedback.Reason);
        var task = new FhirTask
        {
            Id = mail.MailId.ToString(),
            Text = Narratives.Of(
                $"Terugkoppeling (feedback) on handover {mail.HandoverId}: {kind} by {Text(feedback.By.AgencyId) ?? Text(mail.Receiver) ?? "the receiver"}.",
                reason is not null ? $"Reason: {reason}" : null,
                feedback.ExpectedStart is { } start ? $"Care expected to start on {Date(start)}." : null,
                mail.Reroute is { } r ? $"The sender still holds the case: re-route, keep care or close by {DateTime(r.DueAt)}." : null,
                text),
            Status = JgzVocabulary.TaskStatusOf(kind),
            StatusReason = StatusReason(reason, feedback.ReasonCode),
            BusinessStatus = JgzVocabulary.BusinessStatusKinds.ContainsKey(kind) ? Concept(JgzSystems.FeedbackKind, kind, JgzVocabulary.BusinessStatusText(kind)) : null,
            Intent = FhirTask.TaskIntent.Order,
            ExecutionPeriod = feedback.PlannedEndDate is { } end ? new Period { End = Date(end) } : null,
            LastModified = DateTime(feedback.At ?? mail.At),
            Requester = Agency(mail.Sender),
            Owner = Agency(mail.Receiver),
        };
        if (Text(feedback.SuggestedAgencyId ?? mail.Reroute?.SuggestedAgencyId) is { } suggested)
            task.AddExtension(JgzSystems.SuggestedAgencyExtension, new FhirString(suggested));
        if (mail.Reroute is { } reroute)
            task.AddExtension(JgzSystems.RerouteDueExtension, new FhirDateTime(DateTime(reroute.DueAt)));
        // The waiting list: care is expected to start then (the period in which fulfilment is sought).
        if (feedback.ExpectedStart is { } expected)
            task.Restriction = new FhirTask.RestrictionComponent { Period = new Period { Start = Date(expected) } };
        task.Identifier.Add(HandoverIdentifier(mail.HandoverId));
        if (text is not null)
            task.Note.Add(new Annotation { Text = text });
        return task;
    }

    static CodeableConcept? StatusReason(string? reason, string? reasonCode)
    {
        var concept = new CodeableConcept { Text = reason };
        if (Text(reasonCode) is { } code)
            concept.Coding.Add(new Coding { System = JgzSystems.ReasonCode, Code = code });
        return concept.Text is not null || concept.Coding.Count > 0 ? concept : null;
    }
}
