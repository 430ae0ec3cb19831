using IntegrationHub.Hub.Calendar;

namespace IntegrationHub.Hub.Covenants;

/// <summary>
/// The agreements (convenant) between a pair of agencies, or the region's default: how long each
/// deadline is per urgency, which days count, and who is addressed at each escalation level.
/// </summary>
public sealed record Covenant
{
    public required string Name { get; init; }
    public required WorkingDayCalendar Calendar { get; init; }
    /// <summary>Deadline lengths by kind (receipt, care-started) then urgency (regular, urgent, crisis).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, DeadlineSpan>> Deadlines { get; init; }
    public required DeadlineSpan ProgressInterval { get; init; }
    /// <summary>How long the hub may take to deliver an accepted handover before the sender and the hub's operators are told.</summary>
    public required DeadlineSpan DeliveryTerm { get; init; }
    /// <summary>How long before the planned end of care the aftercare plan (nazorgplan) is due, in months.</summary>
    public required int AftercarePlanMonthsBeforeEnd { get; init; }
    public required IReadOnlyList<EscalationStep> Ladder { get; init; }
    /// <summary>How long an addressee has to acknowledge a notice, by level (default: level 2 one working day, level 3 two).</summary>
    public required IReadOnlyDictionary<int, DeadlineSpan> AcknowledgementTerms { get; init; }
    /// <summary>
    /// Purpose binding (doelbinding, BRIEF §7): for each purpose, the kinds of agency that may receive it.
    /// Information shared for care is not reused for justice: justice goes to the Veiligheidshuis, never to a school.
    /// </summary>
    public required IReadOnlyDictionary<string, IReadOnlySet<string>> Purposes { get; init; }

    /// <summary>What is kept how long (the region's terms; a covenant may set its own for documents).</summary>
    public required Retention.RetentionTerms Retention { get; init; }

    /// <summary>Whether this pair's handovers and receipts register signals in the referral index (docs/chain.md).</summary>
    public CovenantSignals Signals { get; init; } = new();

    /// <summary>The same child handed to the same receiver by another sender within this is flagged to both senders and the receiver.</summary>
    public DeadlineSpan DuplicateWindow { get; init; } = DeadlineSpan.WorkingDays(20);

    public bool MayReceive(string purpose, string receiverKind) =>
        Purposes.TryGetValue(purpose, out var kinds) && kinds.Contains(receiverKind);

    public DeadlineSpan DeadlineFor(string kind, string urgency) =>
        Deadlines.TryGetValue(kind, out var byUrgency) && byUrgency.TryGetValue(urgency, out var span)
            ? span
            : throw new InvalidOperationException($"covenant '{Name}' has no {kind} deadline for urgency {urgency}");
}

/// <summary>
/// One rung of the escalation ladder (opschalingsladder): raised <see cref="After"/> the previous rung
/// (the first rung: after the deadline passed), addressed to roles at agencies.
/// </summary>
/// <param name="Binding">this level holds binding authority (doorzettingsmacht): a decision can be recorded here.</param>
public sealed record EscalationStep(int Level, DeadlineSpan After, IReadOnlyList<AddresseeRule> Addressees, bool Binding = false);

/// <summary>A role at an agency: <c>receiver</c>, <c>sender</c>, or a fixed agency id such as the municipality.</summary>
public sealed record AddresseeRule(string Role, string Agency);

/// <summary>
/// A covenant's word on the referral index: an accepted handover registers a <c>concern</c> signal (a case-meeting
/// outcome a <c>case-meeting</c> signal) for its sender; a receipt registers a <c>care</c> signal for the receiver.
/// Off unless the covenant says so.
/// </summary>
public sealed record CovenantSignals(bool FromHandovers = false, bool FromReceipts = false);
