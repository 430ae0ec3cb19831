using IntegrationHub.Contracts.Messages;

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
        _saga.PublishedCount<HandoverDelivered>(m => m.HandoverId == id).Should().Be(1);
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
        await _saga.PublishAsync(new HandoverRejected
        {
            HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = "bjz-noord-brabant", At = _saga.Clock.GetUtcNow(),
            Reason = "Light support through the CJG is enough", SuggestedAgencyId = "cjg-tilburg",
        });

        var state = await _saga.StateAsync(id);
        state.CurrentState.Should().Be("Rejected");
        state.RejectionReason.Should().Be("Light support through the CJG is enough");
        state.SuggestedAgencyId.Should().Be("cjg-tilburg");
        state.Deadlines.Should().OnlyContain(d => d.ClosedAt != null || d.MetAt != null);
        state.NextDueAt.Should().BeNull("nothing is awaited from the receiver any more");
        (await _saga.MailAsync(id)).Should().Contain(m => m.To == "school-de-regenboog" && m.Kind == "feedback");
    }

    [Fact]
    public async Task The_sender_may_withdraw_before_care_starts_and_the_receiver_is_told()
    {
        var id = await _saga.SubmitAsync();
        await _saga.ReceiptAsync(id);
        await _saga.PublishAsync(new HandoverWithdrawn
        {
            HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = "school-de-regenboog", At = _saga.Clock.GetUtcNow(), Reason = "Family moved",
        });

        var state = await _saga.StateAsync(id);
        state.CurrentState.Should().Be("Withdrawn");
        (await _saga.MailAsync(id)).Last().Should().Match<AgencyMail>(m => m.To == "bjz-noord-brabant" && m.Kind == "feedback");
    }

    [Fact]
    public async Task Withdrawal_after_care_started_is_refused_on_record()
    {
        var id = await _saga.SubmitAsync();
        await _saga.CareStartedAsync(id);
        await _saga.PublishAsync(new HandoverWithdrawn
        {
            HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = "school-de-regenboog", At = _saga.Clock.GetUtcNow(), Reason = "too late",
        });

        var state = await _saga.StateAsync(id);
        state.CurrentState.Should().Be("InCare");
        state.History.Last().Event.Should().Be("refused");
    }

    [Fact]
    public async Task Feedback_from_the_wrong_agency_changes_nothing_and_is_refused_on_record()
    {
        var id = await _saga.SubmitAsync();
        await _saga.ReceiptAsync(id, by: "cjg-tilburg");

        var state = await _saga.StateAsync(id);
        state.CurrentState.Should().Be("Delivered");
        state.History.Last().Should().Match<IntegrationHub.Hub.Handover.HistoryEntry>(h => h.Event == "refused" && h.Detail!.Contains("wrong agency"));
    }

    [Fact]
    public async Task Progress_and_care_ended_complete_the_handover()
    {
        var id = await _saga.SubmitAsync();
        await _saga.ReceiptAsync(id);
        await _saga.CareStartedAsync(id);
        await _saga.PublishAsync(new ProgressReported { HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = "bjz-noord-brabant", At = _saga.Clock.GetUtcNow() });
        var afterProgress = await _saga.StateAsync(id);
        afterProgress.Deadlines.Count(d => d.Kind == "progress").Should().Be(2, "each report meets one and opens the next");

        await _saga.PublishAsync(new CareEnded { HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = "bjz-noord-brabant", At = _saga.Clock.GetUtcNow(), Outcome = "Goals met" });

        var state = await _saga.StateAsync(id);
        state.CurrentState.Should().Be("CareCompleted");
        state.Outcome.Should().Be("Goals met");
        state.NextDueAt.Should().BeNull();
    }

    [Fact]
    public async Task The_same_message_twice_is_handled_once()
    {
        var id = await _saga.SubmitAsync();
        var messageId = Guid.NewGuid();
        var progress = new ReceiptConfirmed { HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = "bjz-noord-brabant", At = _saga.Clock.GetUtcNow() };

        await _saga.PublishAsync(progress, messageId);
        await _saga.PublishAsync(progress, messageId);

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

/// <summary>Feedback that reaches the saga before the submission it answers (as after a crash).</summary>
public class FeedbackBeforeSubmissionTests : IAsyncLifetime
{
    SagaHarness _saga = null!;

    public async Task InitializeAsync() => _saga = await SagaHarness.StartAsync();

    public async Task DisposeAsync() => await _saga.DisposeAsync();

    [Fact]
    public async Task Is_deferred_until_the_saga_exists_and_then_applied()
    {
        // Accept a handover and claim its submission without sending it, as an instance that crashed
        // mid-dispatch leaves it: held until the claim expires. Nothing dispatches in the background here.
        var intake = _saga.Get<IntegrationHub.Hub.Handover.HandoverIntake>();
        var accepted = (IntegrationHub.Hub.Handover.IntakeResult.Accepted)await intake.SubmitAsync(IntegrationHub.Tests.Support.Messages.Handover().ToJsonString(), IntegrationHub.Hub.Access.Caller.ForAgency("school-de-regenboog"), "test", default);
        var id = accepted.HandoverId;
        var claimed = await _saga.Get<IntegrationHub.Hub.Outbox.OutboxStore>().ClaimAsync(10, default);
        claimed.Select(r => r.Message.MessageType).Should().Equal("HandoverSubmitted");

        await _saga.PublishAsync(new CareStarted { HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = "bjz-noord-brabant", At = _saga.Clock.GetUtcNow() });

        var state = await _saga.StateAsync(id);
        state.CurrentState.Should().Be("InCare", "the care-started feedback waited for the saga instead of being dropped or faulted");
        state.History.Select(h => h.Event).Should().ContainInOrder("submitted", "care-started");
        _saga.Harness.Published.Select<MassTransit.Fault<CareStarted>>().Should().BeEmpty();
        await using var check = await _saga.Database.OpenAsync();
        (await Dapper.SqlMapper.ExecuteScalarAsync<long>(check, "SELECT COUNT(*) FROM outbox WHERE message_type = 'CareStarted'"))
            .Should().BeGreaterThan(0, "the early feedback went back into the outbox rather than through the retry filter");
    }

    [Fact]
    public async Task For_a_handover_that_was_never_accepted_faults()
    {
        await _saga.PublishAsync(new ReceiptConfirmed { HandoverId = Guid.NewGuid(), FeedbackMessageId = Guid.NewGuid(), By = "bjz-noord-brabant", At = _saga.Clock.GetUtcNow() });

        (await _saga.Harness.Published.Any<MassTransit.Fault<ReceiptConfirmed>>()).Should().BeTrue();
    }
}
