using Dapper;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Faults;
using IntegrationHub.Hub.Handover;

namespace IntegrationHub.Tests.Handover;

/// <summary>How steps stay right when they race, and stay contained when one of them is broken.</summary>
public class StepIsolationTests : IAsyncLifetime
{
    SagaHarness _saga = null!;

    public async Task InitializeAsync() => _saga = await SagaHarness.StartAsync();

    public async Task DisposeAsync() => await _saga.DisposeAsync();

    [Fact]
    public async Task A_step_decided_on_a_version_another_step_moved_on_from_is_decided_again_inside_the_write()
    {
        var id = await _saga.SubmitAsync();
        var runner = _saga.Get<HandoverStepRunner>();
        var now = _saga.Clock.GetUtcNow();
        // Both decided on the same stored version: each, alone, would be taken.
        var care = (await runner.PrepareAsync([(id, new CareStarted { HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = "bjz-noord-brabant", At = now })], default))[0];
        var withdrawal = (await runner.PrepareAsync([(id, new HandoverWithdrawn
        {
            HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = "school-de-regenboog", At = now, Reason = "moved away",
        })], default))[0];
        care.Outcome.Should().BeOfType<StepOutcome.Applied>();
        withdrawal.Outcome.Should().BeOfType<StepOutcome.Applied>();

        var first = await _saga.Database.WriteAsync(scope => runner.WriteAsync(scope, care));
        var second = await _saga.Database.WriteAsync(scope => runner.WriteAsync(scope, withdrawal));

        first.Should().BeOfType<StepOutcome.Applied>();
        second.Should().BeOfType<StepOutcome.Refused>().Which.Reason.Should().Contain("care-started");
        (await _saga.StateAsync(id)).CurrentState.Should().Be("InCare");
    }

    [Fact]
    public async Task One_broken_handover_does_not_hold_back_the_others_deadlines_and_operators_see_it()
    {
        var healthy = await _saga.SubmitAsync();
        var broken = await _saga.SubmitAsync();
        await using (var connection = await _saga.Database.OpenAsync())
            await connection.ExecuteAsync("UPDATE handovers SET data = '{\"deadlines\": 7}' WHERE correlation_id = @Id", new { Id = broken.ToString() });

        await _saga.AdvanceAsync(TimeSpan.FromDays(3));

        (await _saga.StateAsync(healthy)).Escalations.Should().ContainSingle(e => e.Level == 1 && e.DeadlineKind == "receipt");
        var fault = (await _saga.Get<StepFaults>().OpenAsync(10, default)).Should().ContainSingle().Subject;
        fault.HandoverId.Should().Be(broken);
        fault.Step.Should().Be("deadline");

        // Tried again at the next sweep after its lease: counted, not piled up.
        await _saga.AdvanceAsync(TimeSpan.FromMinutes(2));
        await using (var connection = await _saga.Database.OpenAsync())
            await connection.ExecuteAsync("UPDATE handovers SET due_claimed_at = NULL WHERE correlation_id = @Id", new { Id = broken.ToString() });
        await _saga.AdvanceAsync(TimeSpan.FromMinutes(1));
        (await _saga.Get<StepFaults>().OpenAsync(10, default)).Should().ContainSingle().Which.Attempts.Should().Be(2);
    }
}
