using Hl7.Fhir.Model;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Jgz.Outbound.FhirBuild;
using FhirTask = Hl7.Fhir.Model.Task;

namespace IntegrationHub.Adapters.Jgz.Outbound;

/// <summary>Feedback on a handover becomes the Task's new status, as a JGZ system would record it itself.</summary>
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
                text),
            Status = JgzVocabulary.TaskStatusOf(kind),
            StatusReason = reason is not null ? new CodeableConcept { Text = reason } : null,
            BusinessStatus = kind == FeedbackKinds.Progress ? Concept(JgzSystems.FeedbackKind, FeedbackKinds.Progress, "voortgang (progress)") : null,
            Intent = FhirTask.TaskIntent.Order,
            ExecutionPeriod = feedback.PlannedEndDate is { } end ? new Period { End = Date(end) } : null,
            LastModified = DateTime(feedback.At ?? mail.At),
            Requester = Agency(mail.Sender),
            Owner = Agency(mail.Receiver),
        };
        if (Text(feedback.SuggestedAgencyId) is { } suggested)
            task.AddExtension(JgzSystems.SuggestedAgencyExtension, new FhirString(suggested));
        task.Identifier.Add(HandoverIdentifier(mail.HandoverId));
        if (text is not null)
            task.Note.Add(new Annotation { Text = text });
        return task;
    }
}
