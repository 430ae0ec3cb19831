using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Feedback;
using IntegrationHub.Hub.Handover;

namespace IntegrationHub.Tests.Handover;

/// <summary>Every transition of the handover lifecycle (BRIEF.md §3) on the real state machine.</summary>
public class HandoverLifecycleTests : IAsyncLifetime
{
    SagaHarness _saga = null!;

    public async Task InitializeAsync() => _saga = await SagaHarness.StartAsync();

    public async Task DisposeAsync() => await _saga.DisposeAsync();

    [Fact]
    public async Task Submitted_handover_is_delivered_to_the_receiver_and_the_receipt_clock_starts()
    {
        var id = await _saga.SubmitAsync();

        var state = await _saga.StateAsync(id);
        state.CurrentState.Should().Be("Delivered");
        var receipt = state.Deadlines.Should().ContainSingle(d => d.Kind == "receipt").Subject;
        // Delivered Monday 09:00, regular: two working days later, Wednesday 09:00.
        receipt.DueAt.Should().Be(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(1)));
        var mail = await _saga.MailAsync(id);
        mail.Should().ContainSingle().Which.Should().Match<AgencyMail>(m => m.To == "bjz-noord-brabant" && m.Kind == "handover");
        state.History.Should().ContainSingle(h => h.Event == "delivered");
    }

    [Fact]
    public async Task Receipt_meets_its_deadline_starts_the_care_clock_and_tells_the_sender()
    {
        var id = await _saga.SubmitAsync();
        await _saga.AdvanceAsync(TimeSpan.FromHours(3));
        await _saga.ReceiptAsync(id);

        var state = await _saga.StateAsync(id);
        state.CurrentState.Should().Be("Received");
        state.Deadlines.Single(d => d.Kind == "receipt").MetAt.Should().NotBeNull();
        // Ten working days after Monday 12:00 is Monday 2026-12-07 12:00.
        state.Deadlines.Single(d => d.Kind == "care-started").DueAt.Should().Be(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.FromHours(1)));
        (await _saga.MailAsync(id)).Should().Contain(m => m.To == "school-de-regenboog" && m.Kind == "feedback");
    }

    [Fact]
    public async Task Care_started_before_receipt_counts_as_receipt()
    {
        var id = await _saga.SubmitAsync();
        await _saga.CareStartedAsync(id, plannedEnd: new DateOnly(2027, 12, 1));

        var state = await _saga.StateAsync(id);
        state.CurrentState.Should().Be("InCare");
        state.ReceiptAt.Should().NotBeNull();
        state.Deadlines.Single(d => d.Kind == "receipt").MetAt.Should().NotBeNull();
        state.Deadlines.Should().Contain(d => d.Kind == "progress" && d.MetAt == null);
        // Aftercare plan (nazorgplan) six months before the planned end.
        state.Deadlines.Single(d => d.Kind == "aftercare-plan").DueAt.Date.Should().Be(new DateTime(2027, 6, 1));
        state.History.Select(h => h.Event).Should().Contain(["receipt-confirmed", "care-started"]);
    }

    [Fact]
    public async Task A_rejection_goes_back_to_the_sender_at_once_with_reason_and_suggestion()
    {
        var id = await _saga.SubmitAsync();
        await _saga.RunAsync(new HandoverRejected
        {
            HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = "bjz-noord-brabant", At = _saga.Clock.GetUtcNow(),
            Reason = "Light support through the CJG is enough", SuggestedAgencyId = "cjg-tilburg",
        });

        var state = await _saga.StateAsync(id);
        state.CurrentState.Should().Be("Rejected");
        state.RejectionReason.Should().Be("Light support through the CJG is enough");
        state.SuggestedAgencyId.Should().Be("cjg-tilburg");
        // Nothing is awaited from the receiver any more; the sender, who still holds the case, owes a re-route.
        var open = state.Deadlines.Where(d => d.ClosedAt == null && d.MetAt == null).Should().ContainSingle().Subject;
        open.Kind.Should().Be("reroute");
        open.DueAt.Should().Be(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(1)), "five working days after Monday 09:00");
        state.NextDueAt.Should().Be(open.DueAt);
        var told = (await _saga.MailAsync(id)).Should().ContainSingle(m => m.To == "school-de-regenboog" && m.Kind == "feedback").Subject;
        told.Reroute.Should().BeEquivalentTo(new { DueAt = open.DueAt, SuggestedAgencyId = "cjg-tilburg" });
    }

    [Fact]
    public async Task The_sender_may_withdraw_before_care_starts_and_the_receiver_is_told()
    {
        var id = await _saga.SubmitAsync();
        await _saga.ReceiptAsync(id);
        await _saga.RunAsync(new HandoverWithdrawn
        {
            HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = "school-de-regenboog", At = _saga.Clock.GetUtcNow(), Reason = "Family moved",
        });

        var state = await _saga.StateAsync(id);
        state.CurrentState.Should().Be("Withdrawn");
        (await _saga.MailAsync(id)).Last().Should().Match<AgencyMail>(m => m.To == "bjz-noord-brabant" && m.Kind == "feedback");
    }

    [Fact]
    public async Task Withdrawal_after_care_started_does_not_fit_and_changes_nothing()
    {
        var id = await _saga.SubmitAsync();
        await _saga.CareStartedAsync(id);
        var before = await _saga.StateAsync(id);

        var outcome = await _saga.RunAsync(new HandoverWithdrawn
        {
            HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = "school-de-regenboog", At = _saga.Clock.GetUtcNow(), Reason = "too late",
        });

        outcome.Should().BeOfType<StepOutcome.Refused>().Which.Should().Match<StepOutcome.Refused>(r => !r.WrongParty && r.Reason.Contains("care-started"));
        var state = await _saga.StateAsync(id);
        state.CurrentState.Should().Be("InCare");
        state.Version.Should().Be(before.Version, "a refusal writes nothing");
    }

    [Fact]
    public async Task Feedback_from_the_wrong_party_changes_nothing_and_says_who_may_give_it()
    {
        var id = await _saga.SubmitAsync();

        var outcome = await _saga.ReceiptAsync(id, by: "school-de-regenboog");

        outcome.Should().BeOfType<StepOutcome.Refused>().Which.Should().Match<StepOutcome.Refused>(r => r.WrongParty && r.Reason.Contains("only the receiver"));
        (await _saga.StateAsync(id)).CurrentState.Should().Be("Delivered");
    }

    [Fact]
    public async Task Progress_and_care_ended_complete_the_handover()
    {
        var id = await _saga.SubmitAsync();
        await _saga.ReceiptAsync(id);
        await _saga.CareStartedAsync(id);
        await _saga.RunAsync(new ProgressReported { HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = "bjz-noord-brabant", At = _saga.Clock.GetUtcNow() });
        var afterProgress = await _saga.StateAsync(id);
        afterProgress.Deadlines.Count(d => d.Kind == "progress").Should().Be(2, "each report meets one and opens the next");

        await _saga.RunAsync(new CareEnded { HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = "bjz-noord-brabant", At = _saga.Clock.GetUtcNow(), Outcome = "Goals met" });

        var state = await _saga.StateAsync(id);
        state.CurrentState.Should().Be("CareCompleted");
        state.Outcome.Should().Be("Goals met");
        state.NextDueAt.Should().BeNull();
    }

    [Fact]
    public async Task The_same_feedback_twice_is_handled_once()
    {
        var id = await _saga.SubmitAsync();
        var receipt = IntegrationHub.Tests.Support.Messages.Feedback("receipt", "bjz-noord-brabant").ToJsonString();
        var intake = _saga.Get<FeedbackIntake>();
        var bjz = IntegrationHub.Hub.Access.Caller.ForAgency("bjz-noord-brabant");

        var first = await intake.SubmitAsync(id, receipt, bjz, "test", default);
        var second = await intake.SubmitAsync(id, receipt, bjz, "test", default);
        await _saga.SettleAsync();

        first.Should().BeOfType<IntakeResult.Accepted>().Which.Duplicate.Should().BeFalse();
        second.Should().BeOfType<IntakeResult.Accepted>().Which.Duplicate.Should().BeTrue();
        (await _saga.StateAsync(id)).History.Count(h => h.Event == "receipt-confirmed").Should().Be(1);
        (await _saga.MailAsync(id)).Count(m => m.Kind == "feedback").Should().Be(1);
    }

    [Fact]
    public async Task A_crisis_handover_must_be_confirmed_within_four_clock_hours()
    {
        var id = await _saga.SubmitAsync(urgency: "crisis");
        var receipt = (await _saga.StateAsync(id)).Deadlines.Single(d => d.Kind == "receipt");
        receipt.DueAt.Should().Be(SagaHarness.Monday.AddHours(4));
    }

    [Fact]
    public async Task A_covenant_between_two_agencies_overrides_the_region()
    {
        // HCO covenant Veiligheidshuis - CJG: receipt within one working day.
        var id = await _saga.SubmitAsync(sender: "veiligheidshuis-tilburg", receiver: "cjg-tilburg");
        (await _saga.StateAsync(id)).Deadlines.Single(d => d.Kind == "receipt").DueAt
            .Should().Be(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(1)));
    }
}

/// <summary>The saga starts in the transaction that accepts the handover: no answer can overtake it.</summary>
public class SagaStartTests : IAsyncLifetime
{
    SagaHarness _saga = null!;

    public async Task InitializeAsync() => _saga = await SagaHarness.StartAsync();

    public async Task DisposeAsync() => await _saga.DisposeAsync();

    [Fact]
    public async Task The_accepted_handover_has_its_saga_before_anything_is_delivered()
    {
        var accepted = (IntakeResult.Accepted)await _saga.Get<HandoverIntake>().SubmitAsync(
            IntegrationHub.Tests.Support.Messages.Handover().ToJsonString(), IntegrationHub.Hub.Access.Caller.ForAgency("school-de-regenboog"), "test", default);

        var state = await _saga.StateAsync(accepted.HandoverId);
        state.CurrentState.Should().Be("Submitted");
        // Care started before the delivery was even recorded: taken, and counts as receipt.
        (await _saga.CareStartedAsync(accepted.HandoverId)).Should().BeOfType<StepOutcome.Applied>();
        (await _saga.StateAsync(accepted.HandoverId)).CurrentState.Should().Be("InCare");
    }

    [Fact]
    public async Task Feedback_on_a_handover_the_hub_never_accepted_finds_nothing() =>
        (await _saga.ReceiptAsync(Guid.NewGuid())).Should().BeNull();
}
