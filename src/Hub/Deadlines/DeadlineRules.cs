using IntegrationHub.Contracts.Handover;
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
            DeadlineKinds.Receipt or DeadlineKinds.CareStarted => covenant.DeadlineFor(kind, state.Urgency),
            DeadlineKinds.Progress => covenant.ProgressInterval,
            DeadlineKinds.Delivery => covenant.DeliveryTerm,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "this deadline is not computed from a span"),
        };
        OpenAt(state, kind, span.AddTo(from, covenant.Calendar));
    }

    public static void OpenAt(HandoverState state, string kind, DateTimeOffset dueAt)
    {
        if (state.Deadlines.Any(d => d.Kind == kind && d.IsOpen))
            return;
        state.Deadlines.Add(new DeadlineEntry { Kind = kind, DueAt = dueAt });
    }

    /// <summary>The aftercare plan (nazorgplan) is due some months before the planned end of care.</summary>
    public static void OpenAftercarePlan(HandoverState state, DateOnly plannedEnd, Covenant covenant, DateTimeOffset now)
    {
        var due = new DateTimeOffset(plannedEnd.AddMonths(-covenant.AftercarePlanMonthsBeforeEnd).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        OpenAt(state, DeadlineKinds.AftercarePlan, due < now ? now : due);
    }

    /// <summary>Marks the open deadline of this kind met; true when there was one.</summary>
    public static bool Meet(HandoverState state, string kind, DateTimeOffset at)
    {
        var met = false;
        foreach (var d in state.Deadlines.Where(d => d.Kind == kind && (d.IsOpen || (d.MissedAt is not null && d.MetAt is null && d.ClosedAt is null))))
        {
            d.MetAt = at;
            met = true;
        }
        return met;
    }

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
