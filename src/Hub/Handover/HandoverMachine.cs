using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Feedback;

namespace IntegrationHub.Hub.Handover;

/// <summary>
/// The lifecycle of one handover (BRIEF.md §3) as one table: for each event, which states take it, who may
/// give it, what it does and where it leads. The intakes ask this table and nothing else whether feedback
/// fits (EXAMPLES 2), and run it in the transaction that records the fact, so the answer an agency gets is
/// the decision the hub stored. The sender holds the case until care starts; a rejection returns it at once;
/// withdrawal is possible until care starts.
/// </summary>
public sealed class HandoverMachine(HandoverSteps steps, Email.PeopleMailPlanner? people = null)
{
    // The machine's state names, as stored (StateNames maps them to API.md's).
    public const string Initial = "Initial";
    public const string Submitted = "Submitted";
    public const string Delivered = "Delivered";
    public const string Received = "Received";
    public const string InCare = "InCare";
    public const string CareCompleted = "CareCompleted";
    public const string Rejected = "Rejected";
    public const string Withdrawn = "Withdrawn";

    static readonly string[] Open = [Submitted, Delivered, Received, InCare];
    static readonly string[] Closed = [CareCompleted, Rejected, Withdrawn];
    static readonly string[] BeforeCare = [Submitted, Delivered, Received];
    /// <summary>Back with the sender, who still holds the case.</summary>
    static readonly string[] Returned = [Rejected, Withdrawn];
    static readonly string[] Any = [Submitted, Delivered, Received, InCare, CareCompleted, Rejected, Withdrawn];

    enum Party { Hub, Sender, Receiver }

    /// <summary>
    /// One row: in these states, this event from this party runs this step and leads there (null: stays). A guard,
    /// when given, may refuse it (why not) on the state's details.
    /// </summary>
    sealed record Transition(string[] From, Party By, Action<HandoverState, object, Emissions> Step, string? To, Func<HandoverState, object, string?>? Guard = null);

    /// <summary>Late copies change nothing (the delivery report for a handover already further on; a tick after the end).</summary>
    sealed record Late(string[] In);

    IReadOnlyDictionary<Type, (Transition[] Transitions, Late? Late)> Table => _table ??= Build();
    IReadOnlyDictionary<Type, (Transition[] Transitions, Late? Late)>? _table;

    Dictionary<Type, (Transition[], Late?)> Build() => new()
    {
        [typeof(HandoverSubmitted)] = ([new([Initial], Party.Hub, (s, m, e) => steps.Accept(s, (HandoverSubmitted)m, e), Submitted)], null),
        [typeof(HandoverDelivered)] = ([new([Submitted], Party.Hub, (s, m, e) => steps.RecordDelivery(s, (HandoverDelivered)m, e), Delivered)],
            new Late([Delivered, Received, InCare, .. Closed])),
        // The receiver may answer before the hub has recorded the delivery (the broker's confirm is still on its way).
        [typeof(ReceiptConfirmed)] = ([new([Submitted, Delivered], Party.Receiver, (s, m, e) => steps.ConfirmReceipt(s, (ReceiptConfirmed)m, e), Received)], null),
        // Care started before receipt counts as receipt too.
        [typeof(CareStarted)] = ([new(BeforeCare, Party.Receiver, (s, m, e) => steps.StartCare(s, (CareStarted)m, e), InCare)], null),
        [typeof(HandoverRejected)] = ([new(BeforeCare, Party.Receiver, (s, m, e) => steps.Reject(s, (HandoverRejected)m, e), Rejected)], null),
        [typeof(HandoverWithdrawn)] = ([new(BeforeCare, Party.Sender, (s, m, e) => steps.Withdraw(s, (HandoverWithdrawn)m, e), Withdrawn)], null),
        // The waiting list (wachtlijst): accepted, care later. The state stays receipt-confirmed; the expected start is watched.
        [typeof(AcceptedWaiting)] = ([new(BeforeCare, Party.Receiver, (s, m, e) => steps.AcceptWaiting(s, (AcceptedWaiting)m, e), Received)], null),
        [typeof(ProgressReported)] = ([new([InCare], Party.Receiver, (s, m, e) => steps.RecordProgress(s, (ProgressReported)m, e), null)], null),
        [typeof(AftercarePlanMade)] = ([new([InCare], Party.Receiver, (s, m, e) => steps.RecordAftercarePlan(s, (AftercarePlanMade)m, e), null)], null),
        [typeof(CareEnded)] = ([new([InCare], Party.Receiver, (s, m, e) => steps.EndCare(s, (CareEnded)m, e), CareCompleted)], null),
        // Never let go (CHAIN.md §4): after a rejection or withdrawal the sender re-routes, keeps care, or closes.
        [typeof(HandoverRerouted)] = ([new(Returned, Party.Hub, (s, m, e) => steps.Reroute(s, (HandoverRerouted)m, e), null)], null),
        [typeof(CareRetained)] = ([new(Returned, Party.Sender, (s, m, e) => steps.Retain(s, (CareRetained)m, e), null, (s, _) => HandoverSteps.RerouteAwaited(s))], null),
        [typeof(CaseClosed)] = ([new(Returned, Party.Sender, (s, m, e) => steps.CloseCase(s, (CaseClosed)m, e), null, (s, _) => HandoverSteps.RerouteAwaited(s))], null),
        // Escalation on content, acknowledgements and binding decisions (CHAIN.md §3); who may ask is the call's question.
        [typeof(EscalationRequested)] = ([new([.. Open, .. Returned], Party.Hub, (s, m, e) => steps.RequestEscalation(s, (EscalationRequested)m, e), null)], null),
        [typeof(NoticeAcknowledged)] = ([new(Any, Party.Hub, (s, m, _) => Escalation.Acknowledgements.Record(s, (NoticeAcknowledged)m), null,
            (s, m) => Escalation.Acknowledgements.Refusal(s, (NoticeAcknowledged)m))], null),
        [typeof(DecisionRecorded)] = ([new([.. Open, .. Returned], Party.Hub, (s, m, e) => steps.RecordDecision(s, (DecisionRecorded)m, e), null,
            (s, m) => steps.DecisionRefusal(s, (DecisionRecorded)m))], null),
        [typeof(ComplianceReported)] = ([new(Any, Party.Hub, (s, m, _) => Escalation.Decisions.Complied(s, (ComplianceReported)m), null,
            (s, m) => Escalation.Decisions.ComplianceRefusal(s, (ComplianceReported)m))], null),
        [typeof(RequestedEscalationClosed)] = ([new(Any, Party.Hub, (s, m, e) => Escalation.EscalationRequests.Close(s, (RequestedEscalationClosed)m, e), null,
            (s, m) => Escalation.EscalationRequests.CloseRefusal(s, (RequestedEscalationClosed)m))], null),
        // A rejected or withdrawn handover is still watched while its sender owes a re-route.
        [typeof(DeadlineReached)] = ([new([.. Open, .. Returned], Party.Hub, (s, _, e) => steps.CheckDeadlines(s, e), null)], new Late([CareCompleted])),
    };

    /// <summary>Decides <paramref name="message"/> for <paramref name="state"/> and, when it is taken, applies it.</summary>
    public StepOutcome Apply(HandoverState state, object message)
    {
        if (!Table.TryGetValue(message.GetType(), out var row))
            throw new ArgumentException($"the handover machine takes no {message.GetType().Name}", nameof(message));
        var current = state.CurrentState.Length == 0 ? Initial : state.CurrentState;
        var transition = row.Transitions.FirstOrDefault(t => t.From.Contains(current));
        if (transition is null)
            return row.Late is { } late && late.In.Contains(current)
                ? new StepOutcome.Ignored()
                : new StepOutcome.Refused($"{Describe(message)} does not fit a handover that is {StateNames.Public(current)}"
                    + (Accepts(current) is { Count: > 0 } takes ? $" (it takes: {string.Join(", ", takes)})" : ": it takes no more feedback"), WrongParty: false);
        if (message is FeedbackEvent feedback && WrongParty(transition.By, feedback, state) is { } wrong)
            return new StepOutcome.Refused(wrong, WrongParty: true);
        if (transition.Guard?.Invoke(state, message) is { } why)
            return new StepOutcome.Refused(why, WrongParty: false);

        var emit = new Emissions(people);
        transition.Step(state, message, emit);
        if (transition.To is { } to)
            state.CurrentState = to;
        return new StepOutcome.Applied(emit.Messages);
    }

    /// <summary>The feedback kinds a state takes, in the public vocabulary (for refusals and operators).</summary>
    public IReadOnlyList<string> Accepts(string state) =>
        Table.Where(r => typeof(FeedbackEvent).IsAssignableFrom(r.Key) && r.Value.Transitions.Any(t => t.From.Contains(state)))
            .Select(r => FeedbackEvents.KindOf(r.Key)).ToList();

    static string? WrongParty(Party by, FeedbackEvent feedback, HandoverState state) => by switch
    {
        Party.Receiver when feedback.By != state.Receiver =>
            $"only the receiver ({state.Receiver}) may give {Describe(feedback)} on this handover, not {feedback.By}",
        Party.Sender when feedback.By != state.Sender =>
            $"only the sender ({state.Sender}) may give {Describe(feedback)} on this handover, not {feedback.By}",
        _ => null,
    };

    static string Describe(object message) =>
        message is FeedbackEvent ? FeedbackEvents.KindOf(message.GetType()) + " feedback" : message.GetType().Name;
}
