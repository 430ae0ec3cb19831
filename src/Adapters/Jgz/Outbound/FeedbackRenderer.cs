using IntegrationHub.Adapters.Jgz.Fhir;
using IntegrationHub.Contracts.Feedback;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Jgz.Outbound.FhirBuild;

namespace IntegrationHub.Adapters.Jgz.Outbound;

/// <summary>Feedback on a handover becomes the Task's new status, as a JGZ system would record it itself.</summary>
static class FeedbackRenderer
{
    public static FhirTask Render(AgencyMail mail)
    {
        var feedback = mail.FeedbackDocument();
        var kind = feedback.Kind;
        var text = kind == FeedbackKinds.CareEnded ? feedback.Outcome ?? feedback.Note : feedback.Note;
        return new FhirTask
        {
            Id = mail.MailId.ToString(),
            Extension = feedback.SuggestedAgencyId is { } suggested
                ? [new Extension { Url = JgzSystems.SuggestedAgencyExtension, ValueString = suggested }]
                : null,
            Identifier = [HandoverIdentifier(mail.HandoverId)],
            Status = JgzVocabulary.TaskStatusOf(kind),
            StatusReason = feedback.Reason is { } reason ? new CodeableConcept { Text = reason } : null,
            BusinessStatus = kind == FeedbackKinds.Progress ? Concept(JgzSystems.FeedbackKind, FeedbackKinds.Progress, "voortgang (progress)") : null,
            Intent = "order",
            ExecutionPeriod = feedback.PlannedEndDate is { } end ? new Period { End = Date(end) } : null,
            LastModified = DateTime(feedback.At ?? mail.At),
            Requester = Agency(mail.Sender),
            Owner = Agency(mail.Receiver),
            Note = text is not null ? [new Annotation { Text = text }] : null,
        };
    }
}
