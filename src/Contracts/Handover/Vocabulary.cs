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

/// <summary>Deadline kinds (API.md; "more may be added").</summary>
public static class DeadlineKinds
{
    /// <summary>The hub's own: the handover reached the receiver (a term from acceptance, not from the receiver).</summary>
    public const string Delivery = "delivery";
    public const string Receipt = "receipt";
    public const string CareStarted = "care-started";
    public const string Progress = "progress";
    public const string AftercarePlan = "aftercare-plan";
    /// <summary>After a rejection or withdrawal: the sender re-routes the child (a new handover naming this one), keeps care, or closes.</summary>
    public const string Reroute = "reroute";
    /// <summary>On the waiting list: care is expected to start then.</summary>
    public const string Waiting = "waiting";
    /// <summary>An addressee of an escalation notice acknowledges it (level 2 and up).</summary>
    public const string Acknowledgement = "acknowledgement";
    /// <summary>A party bound by a decision complies by this date.</summary>
    public const string Compliance = "compliance";
    /// <summary>The child turns 17 years 6 months with care still open: a transition plan (18-/18+) is needed.</summary>
    public const string Transition = "transition";
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
    /// <summary>The receiver accepts, but care starts later (wachtlijst): at expectedStart.</summary>
    public const string AcceptedWaiting = "accepted-waiting";
    /// <summary>The receiver has made the aftercare plan (nazorgplan).</summary>
    public const string AftercarePlan = "aftercare-plan";
    /// <summary>After a rejection or withdrawal the sender keeps care itself: nobody else takes the child over.</summary>
    public const string Retained = "retained";
    /// <summary>After a rejection or withdrawal the sender closes the case; reasonCode says why.</summary>
    public const string Closed = "closed";
}

/// <summary>Why nobody else needs to take a child over (feedback reasonCode).</summary>
public static class ReasonCodes
{
    public const string NoCareNeeded = "no-care-needed";
    public const string MovedAway = "moved-away";
    public const string ConsentWithdrawn = "consent-withdrawn";
    public const string Other = "other";
}
