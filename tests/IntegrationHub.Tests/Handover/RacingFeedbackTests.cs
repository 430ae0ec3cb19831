using System.Net;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Handover;

/// <summary>
/// Answers that race on one handover (issue "nothing lost", §1): the decision is made on the stored state in
/// the unit that stores the answer, so exactly one wins, the others hear 409 at once, and the delivery log
/// says the same as the answers did.
/// </summary>
public class RacingFeedbackTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(AgencySamples.Now));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Twenty_receipts_at_once_one_is_accepted_nineteen_refused_and_so_recorded()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        await _hub.WaitForStateAsync(id, "delivered");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _hub.FeedbackAsync(id, Messages.Feedback("receipt", "bjz-noord-brabant"))));

        answers.Count(a => a.StatusCode == HttpStatusCode.Accepted).Should().Be(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).Should().Be(19);
        var view = await _hub.WaitForStateAsync(id, "receipt-confirmed");
        view["history"]!.AsArray().Count(h => h!["event"]!.GetValue<string>() == "receipt-confirmed").Should().Be(1);
        var log = await LogAsync(id, "feedback:receipt");
        log.Count(r => r.Outcome == DeliveryOutcomes.Accepted).Should().Be(1);
        log.Count(r => r.Outcome == DeliveryOutcomes.Refused).Should().Be(19);
    }

    [Fact]
    public async Task Care_started_and_withdrawal_together_one_wins_and_the_other_hears_409()
    {
        for (var round = 0; round < 10; round++)
        {
            var id = await _hub.SubmitAsync(Messages.Handover());
            var careStarted = _hub.FeedbackAsync(id, Messages.Feedback("care-started", "bjz-noord-brabant"));
            var withdrawal = _hub.FeedbackAsync(id, Messages.Feedback("withdrawal", "school-de-regenboog", reason: "moved away"));
            var (care, withdrawn) = (await careStarted, await withdrawal);

            new[] { care.StatusCode, withdrawn.StatusCode }.Should().BeEquivalentTo([HttpStatusCode.Accepted, HttpStatusCode.Conflict], $"round {round}");
            var winner = care.StatusCode == HttpStatusCode.Accepted ? "care-started" : "withdrawn";
            (await _hub.WaitForStateAsync(id, winner))["state"]!.GetValue<string>().Should().Be(winner);
            var loser = winner == "care-started" ? "feedback:withdrawal" : "feedback:care-started";
            (await LogAsync(id, loser)).Should().ContainSingle().Which.Outcome.Should().Be(DeliveryOutcomes.Refused);
        }
    }

    /// <summary>
    /// One message arriving twice at once (a broker redelivers it to another hub instance while the first still
    /// works on it; ClusterFailoverTests): the copy that loses the race is a duplicate, answered 202, never
    /// refused for the state its twin moved the handover to.
    /// </summary>
    [Fact]
    public async Task The_same_answer_twice_at_once_is_accepted_once_and_the_copy_is_a_duplicate_not_a_refusal()
    {
        for (var round = 0; round < 10; round++)
        {
            var id = await _hub.SubmitAsync(Messages.Handover());
            await _hub.WaitForStateAsync(id, "delivered");
            var careStarted = Messages.Feedback("care-started", "bjz-noord-brabant");
            var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _hub.FeedbackAsync(id, careStarted)));

            answers.Select(a => a.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Accepted, $"round {round}");
            (await _hub.WaitForStateAsync(id, "care-started"))["history"]!.AsArray()
                .Count(h => h!["event"]!.GetValue<string>() == "care-started").Should().Be(1);
            (await LogAsync(id, "feedback:care-started")).Should().ContainSingle().Which.Outcome.Should().Be(DeliveryOutcomes.Accepted);
        }
    }

    async Task<List<DeliveryLogRow>> LogAsync(Guid handoverId, string kind) =>
        (await new DeliveryLogReader(_hub.Get<HubDatabase>()).ReadAsync(new AuditPeriod(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddYears(-1))))
            .Where(r => r.HandoverId == handoverId.ToString() && r.Kind == kind).ToList();
}
