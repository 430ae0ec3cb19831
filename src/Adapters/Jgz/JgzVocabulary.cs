using Hl7.Fhir.Model;
using IntegrationHub.Contracts.Handover;
using FhirTask = Hl7.Fhir.Model.Task;

namespace IntegrationHub.Adapters.Jgz;

/// <summary>How FHIR codes and the hub's words correspond, both ways.</summary>
public static class JgzVocabulary
{
    /// <summary>Task.priority to urgency: routine is regular; asap and stat are both crisis.</summary>
    public static string? UrgencyOf(string priority) => priority switch
    {
        "routine" => Urgency.Regular,
        "urgent" => Urgency.Urgent,
        "asap" or "stat" => Urgency.Crisis,
        _ => null,
    };

    public static RequestPriority PriorityOf(string? urgency) => urgency switch
    {
        Urgency.Urgent => RequestPriority.Urgent,
        Urgency.Crisis => RequestPriority.Stat,
        _ => RequestPriority.Routine,
    };

    /// <summary>Task.status to feedback kind (terugkoppeling); null for a status that is no feedback.</summary>
    public static string? FeedbackKindOf(string status) => status switch
    {
        "received" => FeedbackKinds.Receipt,
        "accepted" or "in-progress" => FeedbackKinds.CareStarted,
        "completed" => FeedbackKinds.CareEnded,
        "rejected" => FeedbackKinds.Rejection,
        "cancelled" => FeedbackKinds.Withdrawal,
        _ => null,
    };

    public static FhirTask.TaskStatus TaskStatusOf(string feedbackKind) => feedbackKind switch
    {
        FeedbackKinds.Receipt => FhirTask.TaskStatus.Received,
        FeedbackKinds.CareStarted or FeedbackKinds.Progress => FhirTask.TaskStatus.InProgress,
        FeedbackKinds.CareEnded => FhirTask.TaskStatus.Completed,
        FeedbackKinds.Rejection => FhirTask.TaskStatus.Rejected,
        FeedbackKinds.Withdrawal => FhirTask.TaskStatus.Cancelled,
        // The hub's additions ride on the nearest status, with the kind in Task.businessStatus (BusinessStatusKinds).
        FeedbackKinds.AcceptedWaiting => FhirTask.TaskStatus.Accepted,
        FeedbackKinds.AftercarePlan => FhirTask.TaskStatus.InProgress,
        FeedbackKinds.Retained or FeedbackKinds.Closed => FhirTask.TaskStatus.Cancelled,
        _ => throw new ArgumentException($"'{feedbackKind}' is not a feedback kind", nameof(feedbackKind)),
    };

    public static readonly IReadOnlyList<string> FeedbackStatuses = ["received", "accepted", "in-progress", "completed", "rejected", "cancelled"];

    /// <summary>
    /// Feedback kinds a status alone cannot say, carried as a Task.businessStatus code (urn:integrationhub:feedback-kind)
    /// on the status they belong to: progress and aftercare-plan on in-progress, accepted-waiting on accepted,
    /// retained and closed on cancelled (the sender's own Task).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> BusinessStatusKinds = new Dictionary<string, string>
    {
        [FeedbackKinds.Progress] = "in-progress",
        [FeedbackKinds.AftercarePlan] = "in-progress",
        [FeedbackKinds.AcceptedWaiting] = "accepted",
        [FeedbackKinds.Retained] = "cancelled",
        [FeedbackKinds.Closed] = "cancelled",
    };

    /// <summary>Words for the business status (Task.businessStatus.text).</summary>
    public static string BusinessStatusText(string kind) => kind switch
    {
        FeedbackKinds.Progress => "voortgang (progress)",
        FeedbackKinds.AftercarePlan => "nazorgplan gemaakt (aftercare plan made)",
        FeedbackKinds.AcceptedWaiting => "wachtlijst (accepted, care starts later)",
        FeedbackKinds.Retained => "zorg behouden (the sender keeps care)",
        FeedbackKinds.Closed => "afgesloten (the sender closed the case)",
        _ => kind,
    };

    /// <summary>Feedback given by the handover's sender, read from Task.requester rather than Task.owner.</summary>
    public static bool IsSendersFeedback(string kind) => kind is FeedbackKinds.Withdrawal or FeedbackKinds.Retained or FeedbackKinds.Closed;

    /// <summary>v3 RoleCode to the handover's guardian relationship.</summary>
    public static string RelationshipOf(string v3Code) => v3Code switch
    {
        "MTH" or "NMTH" or "ADOPTM" or "STPMTH" => "mother",
        "FTH" or "NFTH" or "ADOPTF" or "STPFTH" => "father",
        "GUARD" => "guardian",
        _ => "other",
    };

    /// <summary>The handover's relationship as v3 RoleCode; foster parents and others have no code of their own there.</summary>
    public static string? V3CodeOf(string relationship) => relationship switch
    {
        "mother" => "MTH",
        "father" => "FTH",
        "guardian" => "GUARD",
        _ => null,
    };

    public static readonly IReadOnlySet<string> Relationships = new HashSet<string> { "mother", "father", "guardian", "foster-parent", "other" };
    public static readonly IReadOnlySet<string> Purposes = new HashSet<string> { "care", "protection", "justice" };
    public static readonly IReadOnlySet<string> LegalBases = new HashSet<string> { "legal-obligation", "child-safety" };
    public static readonly IReadOnlySet<string> ConsentGivers = new HashSet<string> { "parents", "youth" };
    public static readonly IReadOnlySet<string> Domains = new HashSet<string>
        { "school", "family", "health", "development", "safety", "justice", "substance-use", "finance", "housing" };
    public static readonly IReadOnlySet<string> RequestedActions = new HashSet<string> { "assessment", "care", "case-meeting", "aftercare" };
}
