using Hl7.Fhir.Utility;
using FhirTask = Hl7.Fhir.Model.Task;

namespace IntegrationHub.Adapters.Jgz.Inbound;

/// <summary>What a Task in a message is to the hub.</summary>
enum TaskRole
{
    /// <summary>Asks for a new handover (overdracht): its ServiceRequest and Patient come with it, in the Bundle or contained.</summary>
    Handover,
    /// <summary>Reports on an existing handover (terugkoppeling), which it names by identifier, basedOn or focus.</summary>
    Feedback,
    /// <summary>Neither: a draft, on-hold, failed or entered-in-error Task.</summary>
    Neither,
}

/// <summary>
/// A Task's status says whether it asks (requested, ready) or answers (received ... cancelled); its
/// basedOn/focus then say what it asks about or answers to. Where its resources are (Bundle entries or
/// contained) does not change what it is.
/// </summary>
static class TaskRoles
{
    public static readonly IReadOnlyList<string> HandoverStatuses = ["requested", "ready"];

    public static TaskRole Of(FhirTask task)
    {
        var status = task.Status?.GetLiteral();
        if (status is not null && HandoverStatuses.Contains(status))
            return TaskRole.Handover;
        if (status is not null && JgzVocabulary.FeedbackStatuses.Contains(status))
            return TaskRole.Feedback;
        return TaskRole.Neither;
    }

    public static string NeitherReason =>
        $"makes the Task neither a handover ({string.Join(", ", HandoverStatuses)}) nor feedback on one ({string.Join(", ", JgzVocabulary.FeedbackStatuses)})";
}
