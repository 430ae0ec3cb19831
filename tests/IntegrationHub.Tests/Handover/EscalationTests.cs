namespace IntegrationHub.Tests.Handover;

/// <summary>The escalation ladder (BRIEF.md §5) on the real state machine with a simulated clock.</summary>
public class EscalationTests : IAsyncLifetime
{
    SagaHarness _saga = null!;

    public async Task InitializeAsync() => _saga = await SagaHarness.StartAsync();

    public async Task DisposeAsync() => await _saga.DisposeAsync();

    static DateTimeOffset Amsterdam(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public async Task A_missed_receipt_climbs_levels_1_2_3_on_working_days_and_each_level_is_raised_once()
    {
        var id = await _saga.SubmitAsync();

        // Receipt due Wednesday 25 Nov 09:00: nothing before.
        await _saga.AdvanceToAsync(Amsterdam(11, 25, 8));
        (await _saga.StateAsync(id)).Escalations.Should().BeEmpty();

        await _saga.AdvanceToAsync(Amsterdam(11, 25, 9));
        var state = await _saga.StateAsync(id);
        state.Deadlines.Single(d => d.Kind == "receipt").MissedAt.Should().NotBeNull();
        var level1 = state.Escalations.Should().ContainSingle().Subject;
        level1.Level.Should().Be(1);
        level1.Addressees.Should().ContainSingle(a => a.AgencyId == "bjz-noord-brabant" && a.Role == "team-lead");
        state.History.Should().ContainSingle(h => h.Event == "deadline-missed" && h.Detail!.StartsWith("receipt"));
        var mail = await _saga.MailAsync(id);
        mail.Where(m => m.Kind == "escalation-raised").Select(m => m.To).Should().BeEquivalentTo("bjz-noord-brabant", "school-de-regenboog");

        // Level 2 two working days after level 1: Friday 27 Nov 09:00. Ticks in between raise nothing twice.
        await _saga.AdvanceToAsync(Amsterdam(11, 26, 12));
        await _saga.AdvanceToAsync(Amsterdam(11, 27, 8));
        (await _saga.StateAsync(id)).Escalations.Should().HaveCount(1);
        await _saga.AdvanceToAsync(Amsterdam(11, 27, 9));
        state = await _saga.StateAsync(id);
        state.Escalations.Should().HaveCount(2);
        state.Escalations[1].Addressees.Select(a => (a.AgencyId, a.Role)).Should()
            .BeEquivalentTo([("bjz-noord-brabant", "manager"), ("gemeente-tilburg", "process-manager")]);

        // Level 3 five working days after level 2: Friday 4 Dec 09:00.
        await _saga.AdvanceToAsync(Amsterdam(12, 4, 8));
        (await _saga.StateAsync(id)).Escalations.Should().HaveCount(2);
        await _saga.AdvanceToAsync(Amsterdam(12, 4, 9));
        state = await _saga.StateAsync(id);
        state.Escalations.Select(e => e.Level).Should().Equal(1, 2, 3);
        state.Escalations[2].Addressees.Should().ContainSingle(a => a.AgencyId == "gemeente-tilburg" && a.Role == "alderman");

        // Nothing beyond level 3, however long it stays quiet.
        await _saga.AdvanceAsync(TimeSpan.FromDays(30));
        (await _saga.StateAsync(id)).Escalations.Should().HaveCount(3);
        (await _saga.StateAsync(id)).History.Count(h => h.Event == "escalation-raised").Should().Be(3);
    }

    [Fact]
    public async Task The_awaited_feedback_resolves_every_open_escalation_and_tells_everyone_notified()
    {
        var id = await _saga.SubmitAsync();
        await _saga.AdvanceToAsync(Amsterdam(11, 27, 10));
        (await _saga.StateAsync(id)).Escalations.Should().HaveCount(2);

        await _saga.ReceiptAsync(id);

        var state = await _saga.StateAsync(id);
        state.Escalations.Should().OnlyContain(e => e.ResolvedAt != null);
        state.NextEscalation.Should().BeNull();
        state.History.Count(h => h.Event == "escalation-resolved").Should().Be(2);
        var resolvedMail = (await _saga.MailAsync(id)).Where(m => m.Kind == "escalation-resolved").Select(m => m.To).ToList();
        resolvedMail.Should().BeEquivalentTo(["bjz-noord-brabant", "school-de-regenboog", "bjz-noord-brabant", "gemeente-tilburg", "school-de-regenboog"]);

        // The ladder stops: no level 3 on the old schedule.
        await _saga.AdvanceToAsync(Amsterdam(12, 4, 10));
        (await _saga.StateAsync(id)).Escalations.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_missed_start_of_care_escalates_and_care_started_resolves_it()
    {
        var id = await _saga.SubmitAsync();
        await _saga.ReceiptAsync(id);
        // Care due ten working days after Monday 23 Nov 09:00: Monday 7 Dec 09:00.
        await _saga.AdvanceToAsync(Amsterdam(12, 7, 9));
        var state = await _saga.StateAsync(id);
        state.Escalations.Should().ContainSingle(e => e.DeadlineKind == "care-started" && e.Level == 1);
        state.IsOverdue.Should().BeTrue();

        await _saga.CareStartedAsync(id);

        state = await _saga.StateAsync(id);
        state.Escalations.Should().OnlyContain(e => e.ResolvedAt != null);
        state.IsOverdue.Should().BeFalse();
    }

    [Fact]
    public async Task A_missed_progress_report_only_reminds_at_level_1()
    {
        var id = await _saga.SubmitAsync();
        await _saga.CareStartedAsync(id);
        await _saga.AdvanceAsync(TimeSpan.FromDays(60));

        var state = await _saga.StateAsync(id);
        state.Escalations.Should().ContainSingle(e => e.DeadlineKind == "progress" && e.Level == 1);
        state.NextEscalation.Should().BeNull();
    }

    [Fact]
    public async Task Escalation_notices_name_what_is_overdue_since_when_and_who_holds_the_case()
    {
        var id = await _saga.SubmitAsync();
        await _saga.AdvanceToAsync(Amsterdam(11, 25, 9));

        var notice = (await _saga.MailAsync(id)).First(m => m.Kind == "escalation-raised").Escalation!;
        notice.DeadlineKind.Should().Be("receipt");
        notice.OverdueSince.Should().Be(Amsterdam(11, 25, 9));
        notice.ResponsibleAgency.Should().Be("school-de-regenboog", "until care starts the sender holds the case");
    }
}
