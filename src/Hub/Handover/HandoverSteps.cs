using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Deadlines;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Escalation;

namespace IntegrationHub.Hub.Handover;

/// <summary>What each step of the handover's lifecycle does to its state and which mail it sends.</summary>
public sealed class HandoverSteps(CovenantBook covenants, EscalationLadder ladder, TimeProvider clock)
{
    Covenant CovenantOf(HandoverState s) => covenants.For(s.Sender, s.Receiver);

    public void Accept(HandoverState s, HandoverSubmitted m, Emissions emit)
    {
        s.CorrelationId = m.HandoverId;
        s.Sender = m.Sender;
        s.Receiver = m.Receiver;
        s.Urgency = m.Urgency;
        s.Purpose = m.Purpose;
        s.LegalBasis = m.LegalBasis;
        s.RequestedAction = m.RequestedAction;
        s.SubjectKey = m.SubjectKey;
        s.Municipality = m.Municipality;
        s.AgeBand = m.AgeBand;
        s.SubmissionMessageId = m.SubmissionMessageId;
        s.SubmittedAt = m.SubmittedAt;
        History(s, m.SubmittedAt, "submitted", m.Sender);
        // Delivery must not be taken for granted: a handover the receiver never gets is noticed too.
        DeadlineRules.Open(s, DeadlineKinds.Delivery, m.SubmittedAt, CovenantOf(s));
        emit.Mail(Mail.Handover(s, clock.GetUtcNow()));
    }

    public void RecordDelivery(HandoverState s, HandoverDelivered m, Emissions emit)
    {
        s.DeliveredAt = m.DeliveredAt;
        History(s, m.DeliveredAt, "delivered", null, $"to {m.Receiver}");
        Delivered(s, m.DeliveredAt, "hub", emit);
        DeadlineRules.Open(s, DeadlineKinds.Receipt, m.DeliveredAt, CovenantOf(s));
    }

    public void ConfirmReceipt(HandoverState s, ReceiptConfirmed m, Emissions emit)
    {
        var now = clock.GetUtcNow();
        s.DeliveredAt ??= m.At;
        s.ReceiptAt = m.At;
        Delivered(s, m.At, m.By, emit);
        History(s, m.At, "receipt-confirmed", m.By, m.Note);
        // A receipt that overtook the delivery report finds no receipt deadline yet: it is met on arrival.
        if (!DeadlineRules.Meet(s, DeadlineKinds.Receipt, m.At))
        {
            DeadlineRules.OpenAt(s, DeadlineKinds.Receipt, m.At);
            DeadlineRules.Meet(s, DeadlineKinds.Receipt, m.At);
        }
        ladder.Resolve(s, [DeadlineKinds.Receipt], m.By, now, emit);
        DeadlineRules.Open(s, DeadlineKinds.CareStarted, m.At, CovenantOf(s));
        Forward(s, s.Sender, m, emit);
    }

    public void StartCare(HandoverState s, CareStarted m, Emissions emit)
    {
        var now = clock.GetUtcNow();
        var covenant = CovenantOf(s);
        if (s.ReceiptAt is null)
        {
            s.DeliveredAt ??= m.At;
            Delivered(s, m.At, m.By, emit);
            s.ReceiptAt = m.At;
            DeadlineRules.Meet(s, DeadlineKinds.Receipt, m.At);
            History(s, m.At, "receipt-confirmed", m.By, "implied by the start of care");
        }
        s.CareStartedAt = m.At;
        s.PlannedEndDate = m.PlannedEndDate;
        History(s, m.At, "care-started", m.By, m.Note);
        DeadlineRules.Meet(s, DeadlineKinds.CareStarted, m.At);
        ladder.Resolve(s, [DeadlineKinds.Receipt, DeadlineKinds.CareStarted], m.By, now, emit);
        DeadlineRules.Open(s, DeadlineKinds.Progress, m.At, covenant);
        if (m.PlannedEndDate is { } end)
            DeadlineRules.OpenAftercarePlan(s, end, covenant, now);
        Forward(s, s.Sender, m, emit);
    }

    public void RecordProgress(HandoverState s, ProgressReported m, Emissions emit)
    {
        History(s, m.At, "progress-reported", m.By, m.Note);
        DeadlineRules.Meet(s, DeadlineKinds.Progress, m.At);
        ladder.Resolve(s, [DeadlineKinds.Progress], m.By, clock.GetUtcNow(), emit);
        DeadlineRules.Open(s, DeadlineKinds.Progress, m.At, CovenantOf(s));
        Forward(s, s.Sender, m, emit);
    }

    public void EndCare(HandoverState s, CareEnded m, Emissions emit)
    {
        s.Outcome = m.Outcome;
        s.ClosedAt = m.At;
        History(s, m.At, "care-ended", m.By, m.Outcome);
        DeadlineRules.Meet(s, DeadlineKinds.AftercarePlan, m.At);
        Close(s, m.By, emit);
        Forward(s, s.Sender, m, emit);
    }

    /// <summary>The receiver refuses: the sender still holds the case and hears it at once, with the reason.</summary>
    public void Reject(HandoverState s, HandoverRejected m, Emissions emit)
    {
        s.RejectionReason = m.Reason;
        s.SuggestedAgencyId = m.SuggestedAgencyId;
        s.ClosedAt = m.At;
        History(s, m.At, "rejected", m.By, m.SuggestedAgencyId is null ? m.Reason : $"{m.Reason} (suggested: {m.SuggestedAgencyId})");
        Close(s, m.By, emit);
        Forward(s, s.Sender, m, emit);
    }

    public void Withdraw(HandoverState s, HandoverWithdrawn m, Emissions emit)
    {
        s.WithdrawalReason = m.Reason;
        s.ClosedAt = m.At;
        History(s, m.At, "withdrawn", m.By, m.Reason);
        Close(s, m.By, emit);
        Forward(s, s.Receiver, m, emit);
    }

    /// <summary>The receiver has it (the delivery was recorded, or it answered first): the delivery deadline is met.</summary>
    void Delivered(HandoverState s, DateTimeOffset at, string by, Emissions emit)
    {
        if (DeadlineRules.Meet(s, DeadlineKinds.Delivery, at))
            ladder.Resolve(s, [DeadlineKinds.Delivery], by, clock.GetUtcNow(), emit);
    }

    /// <summary>The scheduler's tick: mark what is overdue and climb the ladder as far as the clock says.</summary>
    public void CheckDeadlines(HandoverState s, Emissions emit)
    {
        var now = clock.GetUtcNow();
        var covenant = CovenantOf(s);
        foreach (var missed in DeadlineRules.MissDue(s, now))
            ladder.Start(s, missed, covenant, now, emit);
        ladder.Climb(s, covenant, now, emit);
    }

    void Close(HandoverState s, string by, Emissions emit)
    {
        var now = clock.GetUtcNow();
        DeadlineRules.CloseAll(s, now);
        ladder.Resolve(s, [DeadlineKinds.Delivery, DeadlineKinds.Receipt, DeadlineKinds.CareStarted, DeadlineKinds.Progress, DeadlineKinds.AftercarePlan], by, now, emit);
        s.NextEscalation = null;
    }

    void Forward(HandoverState s, string to, FeedbackEvent m, Emissions emit) =>
        emit.Mail(Mail.Feedback(s, to, m.Document ?? Delivery.FeedbackDocuments.From(m), clock.GetUtcNow()));

    static void History(HandoverState s, DateTimeOffset at, string what, string? by, string? detail = null) =>
        s.History.Add(new HistoryEntry { At = at, Event = what, By = by, Detail = detail });
}
