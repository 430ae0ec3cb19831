using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Deadlines;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Escalation;

namespace IntegrationHub.Hub.Handover;

/// <summary>What each step of the handover's lifecycle does to its state and which mail it sends.</summary>
public sealed class HandoverSteps(CovenantBook covenants, EscalationLadder ladder, EscalationRequests requests, TimeProvider clock)
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
        s.PredecessorHandoverId = m.PredecessorHandoverId;
        s.ChainStartedAt = m.ChainStartedAt ?? m.SubmittedAt;
        s.TransitionMonth = m.TransitionMonth;
        History(s, m.SubmittedAt, "submitted", m.Sender, m.PredecessorHandoverId is { } previous ? $"re-routes handover {previous}" : null);
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
        ImplyReceipt(s, m, "implied by the start of care", emit);
        s.CareStartedAt = m.At;
        s.PlannedEndDate = m.PlannedEndDate;
        History(s, m.At, "care-started", m.By, m.Note);
        DeadlineRules.Meet(s, DeadlineKinds.CareStarted, m.At);
        DeadlineRules.Meet(s, DeadlineKinds.Waiting, m.At);
        ladder.Resolve(s, [DeadlineKinds.Receipt, DeadlineKinds.CareStarted, DeadlineKinds.Waiting], m.By, now, emit);
        DeadlineRules.Open(s, DeadlineKinds.Progress, m.At, covenant);
        if (m.PlannedEndDate is { } end)
            DeadlineRules.OpenAftercarePlan(s, end, covenant, now);
        // Age limits must not end help (seed 003:1057-1085): with care open at 17 years 6 months, a transition plan is needed.
        if (s.TransitionMonth is { } month && (m.PlannedEndDate is not { } planned || planned > month))
            DeadlineRules.OpenAt(s, DeadlineKinds.Transition, Later(DeadlineRules.OnDate(month, covenant.Calendar), now));
        Forward(s, s.Sender, m, emit);
    }

    /// <summary>
    /// The receiver accepts, but care starts later (wachtlijst, CHAIN.md §4): receipt is implied, the ladder of the
    /// start of care stops at level 1 (the receiver cannot make capacity appear), and the expected start is watched.
    /// </summary>
    public void AcceptWaiting(HandoverState s, AcceptedWaiting m, Emissions emit)
    {
        var now = clock.GetUtcNow();
        ImplyReceipt(s, m, "implied by acceptance onto the waiting list", emit);
        s.WaitingSince ??= m.At;
        s.ExpectedStart = m.ExpectedStart;
        History(s, m.At, "accepted-waiting", m.By, $"care expected from {m.ExpectedStart:dd-MM-yyyy}: {m.Reason}");
        if (s.NextEscalation?.DeadlineKind == DeadlineKinds.CareStarted)
            s.NextEscalation = null;
        // A later expected start replaces the earlier one.
        foreach (var waiting in s.Deadlines.Where(d => d.Kind == DeadlineKinds.Waiting && d.IsOpen))
            waiting.ClosedAt = now;
        DeadlineRules.OpenAt(s, DeadlineKinds.Waiting, Later(DeadlineRules.OnDate(m.ExpectedStart, CovenantOf(s).Calendar), now));
        Forward(s, s.Sender, m, emit);
    }

    public void RecordAftercarePlan(HandoverState s, AftercarePlanMade m, Emissions emit)
    {
        History(s, m.At, "aftercare-plan", m.By, m.Note);
        DeadlineRules.Meet(s, DeadlineKinds.AftercarePlan, m.At);
        ladder.Resolve(s, [DeadlineKinds.AftercarePlan], m.By, clock.GetUtcNow(), emit);
        Forward(s, s.Sender, m, emit);
    }

    /// <summary>Care started, or the waiting list was accepted, before receipt was confirmed: that counts as receipt too.</summary>
    void ImplyReceipt(HandoverState s, FeedbackEvent m, string why, Emissions emit)
    {
        if (s.ReceiptAt is not null)
            return;
        s.DeliveredAt ??= m.At;
        Delivered(s, m.At, m.By, emit);
        s.ReceiptAt = m.At;
        DeadlineRules.Meet(s, DeadlineKinds.Receipt, m.At);
        ladder.Resolve(s, [DeadlineKinds.Receipt], m.By, clock.GetUtcNow(), emit);
        History(s, m.At, "receipt-confirmed", m.By, why);
    }

    static DateTimeOffset Later(DateTimeOffset due, DateTimeOffset now) => due < now ? now : due;

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

    /// <summary>
    /// The receiver refuses: the sender still holds the case, hears it at once with the reason and the suggested
    /// agency, and is watched until it re-routes the child, keeps care itself or closes the case (CHAIN.md §4).
    /// </summary>
    public void Reject(HandoverState s, HandoverRejected m, Emissions emit)
    {
        s.RejectionReason = m.Reason;
        s.SuggestedAgencyId = m.SuggestedAgencyId;
        s.ClosedAt = m.At;
        History(s, m.At, "rejected", m.By, m.SuggestedAgencyId is null ? m.Reason : $"{m.Reason} (suggested: {m.SuggestedAgencyId})");
        Close(s, m.By, emit);
        DeadlineRules.Open(s, DeadlineKinds.Reroute, m.At, CovenantOf(s));
        Forward(s, s.Sender, m, emit);
    }

    /// <summary>The sender withdraws: the receiver is told; unless no care is needed, the sender is watched until it re-routes.</summary>
    public void Withdraw(HandoverState s, HandoverWithdrawn m, Emissions emit)
    {
        s.WithdrawalReason = m.Reason;
        s.ClosedReason = m.ReasonCode;
        s.ClosedAt = m.At;
        History(s, m.At, "withdrawn", m.By, m.Reason);
        Close(s, m.By, emit);
        if (m.ReasonCode != ReasonCodes.NoCareNeeded)
            DeadlineRules.Open(s, DeadlineKinds.Reroute, m.At, CovenantOf(s));
        Forward(s, s.Receiver, m, emit);
    }

    /// <summary>Another agency takes the child over: a new handover from the sender names this one.</summary>
    public void Reroute(HandoverState s, HandoverRerouted m, Emissions emit)
    {
        s.SuccessorHandoverId = m.SuccessorHandoverId;
        History(s, m.At, "rerouted", s.Sender, $"to {m.SuccessorReceiver} (handover {m.SuccessorHandoverId})");
        EndReroute(s, m.At, s.Sender, emit);
    }

    /// <summary>The sender keeps care itself: nobody else needs to take over.</summary>
    public void Retain(HandoverState s, CareRetained m, Emissions emit)
    {
        History(s, m.At, "retained", m.By, m.Note);
        EndReroute(s, m.At, m.By, emit);
    }

    /// <summary>The sender closes the case: no care needed, the family moved away, or consent was withdrawn.</summary>
    public void CloseCase(HandoverState s, CaseClosed m, Emissions emit)
    {
        s.ClosedReason = m.ReasonCode;
        History(s, m.At, "closed", m.By, m.Note is null ? m.ReasonCode : $"{m.ReasonCode}: {m.Note}");
        EndReroute(s, m.At, m.By, emit);
    }

    void EndReroute(HandoverState s, DateTimeOffset at, string by, Emissions emit)
    {
        DeadlineRules.Meet(s, DeadlineKinds.Reroute, at);
        ladder.Resolve(s, [DeadlineKinds.Reroute], by, clock.GetUtcNow(), emit);
    }

    /// <summary>Whether the sender is still awaited to re-route, keep or close (the guard of retained and closed).</summary>
    public static string? RerouteAwaited(HandoverState s) =>
        DeadlineRules.IsAwaited(s, DeadlineKinds.Reroute) ? null : "no re-route is awaited on this handover (it was re-routed, kept or closed already, or needed none)";

    public void RequestEscalation(HandoverState s, EscalationRequested m, Emissions emit) => requests.Raise(s, m, CovenantOf(s), emit);

    public void RecordDecision(HandoverState s, DecisionRecorded m, Emissions emit) => Decisions.Record(s, m, CovenantOf(s), emit);

    public string? DecisionRefusal(HandoverState s, DecisionRecorded m) => Decisions.Refusal(s, m, CovenantOf(s));

    /// <summary>The receiver has it (the delivery was recorded, or it answered first): the delivery deadline is met.</summary>
    void Delivered(HandoverState s, DateTimeOffset at, string by, Emissions emit)
    {
        if (DeadlineRules.Meet(s, DeadlineKinds.Delivery, at))
            ladder.Resolve(s, [DeadlineKinds.Delivery], by, clock.GetUtcNow(), emit);
    }

    /// <summary>The scheduler's tick: mark what is overdue and climb the ladder as far as the clock says; give the notices that are due.</summary>
    public void CheckDeadlines(HandoverState s, Emissions emit)
    {
        var now = clock.GetUtcNow();
        var covenant = CovenantOf(s);
        foreach (var notice in s.Deadlines.Where(d => d.Kind == DeadlineKinds.Transition && d.IsOpen && d.DueAt <= now).ToList())
        {
            // Not a deadline anyone misses: the day to tell everyone involved that a transition plan (18-/18+) is needed.
            notice.MetAt = now;
            History(s, now, "transition-plan-needed", null, "the child turns 18 within six months with care still open");
            foreach (var agency in new[] { s.Sender, s.Receiver }.Distinct())
                emit.Mail(Mail.Notice(s, agency, Notices.TransitionPlanNeeded(s), now));
        }
        foreach (var missed in DeadlineRules.MissDue(s, now))
            ladder.Start(s, missed, covenant, now, emit);
        ladder.Climb(s, covenant, now, emit);
    }

    void Close(HandoverState s, string by, Emissions emit)
    {
        var now = clock.GetUtcNow();
        DeadlineRules.CloseAll(s, now);
        ladder.Resolve(s, [DeadlineKinds.Delivery, DeadlineKinds.Receipt, DeadlineKinds.CareStarted, DeadlineKinds.Waiting, DeadlineKinds.Progress,
            DeadlineKinds.AftercarePlan], by, now, emit);
        s.NextEscalation = null;
    }

    /// <summary>The feedback to the other party; to the sender after a rejection or withdrawal, with when it must re-route and where to.</summary>
    void Forward(HandoverState s, string to, FeedbackEvent m, Emissions emit)
    {
        var mail = Mail.Feedback(s, to, m.Document ?? Delivery.FeedbackDocuments.From(m), clock.GetUtcNow());
        if (to == s.Sender && s.Deadlines.FirstOrDefault(d => d.Kind == DeadlineKinds.Reroute && d.IsOpen) is { } reroute)
            mail = mail with { Reroute = new RerouteNotice { DueAt = reroute.DueAt, SuggestedAgencyId = s.SuggestedAgencyId } };
        emit.Mail(mail);
    }

    static void History(HandoverState s, DateTimeOffset at, string what, string? by, string? detail = null) =>
        s.History.Add(new HistoryEntry { At = at, Event = what, By = by, Detail = detail });
}
