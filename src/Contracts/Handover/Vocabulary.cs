namespace IntegrationHub.Contracts.Handover;

/// <summary>The words of the public contract (API.md), in one place so code never misspells them.</summary>
public static class Urgency
{
    public const string Regular = "regular";
    public const string Urgent = "urgent";
    public const string Crisis = "crisis";
}

/// <summary>Purposes (doelbinding): what the shared information may be used for (BRIEF §7).</summary>
public static class Purposes
{
    public const string Care = "care";
    public const string Protection = "protection";
    public const string Justice = "justice";

    public static readonly IReadOnlyList<string> All = [Care, Protection, Justice];
}

/// <summary>Handover states as the view shows them (API.md).</summary>
public static class HandoverStates
{
    public const string Submitted = "submitted";
    public const string Delivered = "delivered";
    public const string ReceiptConfirmed = "receipt-confirmed";
    public const string CareStarted = "care-started";
    public const string Completed = "completed";
    public const string Rejected = "rejected";
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> All =
        [Submitted, Delivered, ReceiptConfirmed, CareStarted, Completed, Rejected, Withdrawn];
}

/// <summary>Deadline kinds (API.md).</summary>
public static class DeadlineKinds
{
    public const string Receipt = "receipt";
    public const string CareStarted = "care-started";
    public const string Progress = "progress";
    public const string AftercarePlan = "aftercare-plan";
}

/// <summary>Feedback kinds (terugkoppeling), feedback.schema.json.</summary>
public static class FeedbackKinds
{
    public const string Receipt = "receipt";
    public const string Rejection = "rejection";
    public const string CareStarted = "care-started";
    public const string Progress = "progress";
    public const string CareEnded = "care-ended";
    public const string Withdrawal = "withdrawal";
}
