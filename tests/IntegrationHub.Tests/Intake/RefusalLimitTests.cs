using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Operator;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Intake;

/// <summary>
/// Issue 10 §2: refused input is rate-limited per caller, accepted traffic never counts. The bucket here
/// holds three refusals and refills one an hour, so nothing in the test depends on timing.
/// </summary>
public class RefusalLimitTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        var settings = TestHub.Simulated(OperatorHub.Monday);
        settings["Hub:RefusalLimit:Burst"] = "3";
        settings["Hub:RefusalLimit:PerPeriod"] = "1";
        settings["Hub:RefusalLimit:Period"] = "01:00:00";
        _hub = await TestHub.StartAsync(settings);
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    static JsonObject Invalid()
    {
        var handover = Messages.Handover();
        handover["subject"]!["bsn"] = "123456789";
        return handover;
    }

    [Fact]
    public async Task A_caller_over_its_refusal_budget_gets_429_and_a_busy_honest_agency_none()
    {
        // Busy and honest: accepted handovers never take from the budget.
        for (var i = 0; i < 10; i++)
            (await _hub.PostHandoverAsync(Messages.Handover())).StatusCode.Should().Be(HttpStatusCode.Accepted);
        for (var i = 0; i < 3; i++)
            (await _hub.PostHandoverAsync(Invalid())).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var limited = await _hub.PostHandoverAsync(Invalid());

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        limited.Headers.RetryAfter!.Delta.Should().BePositive();
        (await _hub.PostHandoverAsync(Messages.Handover())).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "until the bucket refills, the caller waits");

        // Another agency is another caller.
        var fromJgz = await _hub.PostHandoverAsync(Messages.Handover(sender: "jgz-tilburg"));
        fromJgz.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _hub.Operator.GetAsync("/api/operator/counts")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Conflicts_and_unknown_handovers_are_not_refused_input()
    {
        var handover = Messages.Handover();
        await _hub.SubmitAsync(handover);
        handover["urgency"] = "urgent";
        for (var i = 0; i < 5; i++)
        {
            (await _hub.PostHandoverAsync(handover)).StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await _hub.As("school-de-regenboog").GetAsync($"/api/handovers/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        (await _hub.PostHandoverAsync(Messages.Handover())).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Callers_without_a_credential_are_limited_by_address()
    {
        for (var i = 0; i < 3; i++)
            (await _hub.Http.PostAsync("/api/handovers", Messages.Json(Messages.Handover()))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        (await _hub.Http.PostAsync("/api/handovers", Messages.Json(Messages.Handover()))).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await _hub.PostHandoverAsync(Messages.Handover())).StatusCode.Should().Be(HttpStatusCode.Accepted, "an authenticated agency is its own caller");
    }
}
