using IntegrationHub.Contracts.Handover;
using IntegrationHub.Hub.Calendar;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Handover;

namespace IntegrationHub.Hub.Deadlines;

/// <summary>
/// Deadlines as data on the handover (BRIEF.md §4): opened with a due time computed from the
/// covenant, met by the awaited feedback, missed when the scheduler's tick finds them overdue.
/// </summary>
public static class DeadlineRules
{
    public static void Open(HandoverState state, string kind, DateTimeOffset from, Covenant covenant)
    {
        var span = kind switch
        {
            DeadlineKinds.Receipt or DeadlineKinds.CareStarted or DeadlineKinds.Reroute => covenant.DeadlineFor(kind, state.Urgency),
            DeadlineKinds.Progress => covenant.ProgressInterval,
            DeadlineKinds.Delivery => covenant.DeliveryTerm,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "this deadline is not computed from a span"),
        };
        OpenAt(state, kind, span.AddTo(from, covenant.Calendar));
    }

    /// <param name="reference">which one, where a handover has several of a kind (e.g. an acknowledgement per escalation and agency).</param>
    public static void OpenAt(HandoverState state, string kind, DateTimeOffset dueAt, string? reference = null)
    {
        if (state.Deadlines.Any(d => d.Kind == kind && d.Ref == reference && d.IsOpen))
            return;
        state.Deadlines.Add(new DeadlineEntry { Kind = kind, Ref = reference, DueAt = dueAt });
    }

    /// <summary>A deadline on a date (not an instant): the office opening of that day, or of the next working day.</summary>
    public static DateTimeOffset OnDate(DateOnly date, WorkingDayCalendar calendar) => calendar.OfficeOpening(date);

    /// <summary>The aftercare plan (nazorgplan) is due some months before the planned end of care, at the office's opening on a working day.</summary>
    public static void OpenAftercarePlan(HandoverState state, DateOnly plannedEnd, Covenant covenant, DateTimeOffset now)
    {
        var due = OnDate(plannedEnd.AddMonths(-covenant.AftercarePlanMonthsBeforeEnd), covenant.Calendar);
        OpenAt(state, DeadlineKinds.AftercarePlan, due < now ? now : due);
    }

    /// <summary>Marks the open deadline of this kind (and reference) met; true when there was one.</summary>
    public static bool Meet(HandoverState state, string kind, DateTimeOffset at, string? reference = null)
    {
        var met = false;
        foreach (var d in state.Deadlines.Where(d => d.Kind == kind && (reference is null || d.Ref == reference)
                     && (d.IsOpen || (d.MissedAt is not null && d.MetAt is null && d.ClosedAt is null))))
        {
            d.MetAt = at;
            met = true;
        }
        return met;
    }

    public static bool IsAwaited(HandoverState state, string kind) =>
        state.Deadlines.Any(d => d.Kind == kind && d.MetAt is null && d.ClosedAt is null);

    /// <summary>Nothing is awaited any more (rejected, withdrawn, ended): close what is still open.</summary>
    public static void CloseAll(HandoverState state, DateTimeOffset at)
    {
        foreach (var d in state.Deadlines.Where(d => d.MetAt is null && d.ClosedAt is null))
            d.ClosedAt = at;
    }

    /// <summary>Marks every open deadline due by <paramref name="now"/> missed, on the handover's record; returns them.</summary>
    public static IReadOnlyList<DeadlineEntry> MissDue(HandoverState state, DateTimeOffset now)
    {
        var missed = state.Deadlines.Where(d => d.IsOpen && d.DueAt <= now).ToList();
        foreach (var d in missed)
        {
            d.MissedAt = now;
            state.History.Add(new HistoryEntry { At = now, Event = "deadline-missed", Detail = $"{d.Kind} was due {d.DueAt:yyyy-MM-dd HH:mm} (UTC{d.DueAt:zzz})" });
        }
        return missed;
    }
}
