using System.Net;
using IntegrationHub.Hub.Http;
using IntegrationHub.Tests.Operator;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Intake;

/// <summary>
/// Admission: past its places and its line, an agency's write is answered 503 with Retry-After and nothing of it is
/// stored; reads, operators and other roles pass. The test holds the places itself through the gate, so nothing
/// depends on how fast the hub is.
/// </summary>
public class AdmissionTests
{
    static async Task<TestHub> HubAsync(int waiting, string mostWait = "00:01:00")
    {
        var settings = TestHub.Simulated(OperatorHub.Monday);
        settings["Hub:Admission:InProgress"] = "1";
        settings["Hub:Admission:Waiting"] = waiting.ToString();
        settings["Hub:Admission:MostWait"] = mostWait;
        settings["Hub:Admission:RetryAfter"] = "00:00:03";
        return await TestHub.StartAsync(settings);
    }

    [Fact]
    public async Task With_every_place_taken_an_agency_write_is_answered_busy_and_stored_nothing()
    {
        await using var hub = await HubAsync(waiting: 0);
        var gate = hub.Get<AdmissionGate>();
        var handover = Messages.Handover();

        using (var place = await gate.EnterAsync(CancellationToken.None))
        {
            place.IsAcquired.Should().BeTrue();
            var busy = await hub.PostHandoverAsync(handover);

            busy.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            busy.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            busy.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3));
            var problem = await busy.ReadJsonAsync();
            problem["type"]!.GetValue<string>().Should().EndWith("/busy");
            problem["detail"]!.GetValue<string>().Should().Contain("nothing of this call was stored");

            // Reads, operators and the metrics pass while agency writes wait.
            (await hub.As("bjz-noord-brabant").GetAsync("/api/agencies/bjz-noord-brabant/mail")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await hub.Operator.GetAsync("/api/operator/counts")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await (await hub.Operator.GetAsync("/metrics")).Content.ReadAsStringAsync())
                .Should().Contain("integrationhub_admission_busy_total{agency=\"school-de-regenboog\"} 1")
                .And.Contain("integrationhub_admission_in_progress 1").And.Contain("integrationhub_admission_waiting 0");
        }

        // Sent again, it is the first of its kind: 202, not the 200 of a duplicate.
        (await hub.PostHandoverAsync(handover)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        gate.Now.Should().Be((0L, 0L));
    }

    [Fact]
    public async Task A_write_waits_in_line_for_a_place_and_one_past_the_line_is_busy()
    {
        await using var hub = await HubAsync(waiting: 1);
        var gate = hub.Get<AdmissionGate>();

        Task<HttpResponseMessage> waiting;
        using (await gate.EnterAsync(CancellationToken.None))
        {
            waiting = hub.PostHandoverAsync(Messages.Handover());
            await WhenAsync(() => gate.Now.Waiting == 1);

            (await hub.PostHandoverAsync(Messages.Handover())).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the line is full");
            waiting.IsCompleted.Should().BeFalse();
        }

        (await waiting).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_write_that_waited_its_longest_is_answered_busy()
    {
        // No wait at all: a place taken means busy at once, whatever the machine's speed.
        await using var hub = await HubAsync(waiting: 8, mostWait: "00:00:00");
        using var place = await hub.Get<AdmissionGate>().EnterAsync(CancellationToken.None);

        (await hub.PostHandoverAsync(Messages.Handover())).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Switched_off_every_write_is_taken_on()
    {
        var settings = TestHub.Simulated(OperatorHub.Monday);
        settings["Hub:Admission:Enabled"] = "false";
        await using var hub = await TestHub.StartAsync(settings);
        var gate = hub.Get<AdmissionGate>();
        using var place = await gate.EnterAsync(CancellationToken.None);

        (await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => hub.PostHandoverAsync(Messages.Handover()))))
            .Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Accepted);
    }

    /// <summary>Waits for a condition the hub reaches on its own (a request arriving at the gate), with a generous deadline.</summary>
    static async Task WhenAsync(Func<bool> condition)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (started.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException("the call did not reach the admission line");
            await Task.Delay(10);
        }
    }
}
