using System.Net;
using System.Text.RegularExpressions;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Telemetry;

/// <summary>
/// GET /metrics names its caller like every call (API.md v2): operators and monitors (Hub:Access:Monitors, the
/// key Prometheus sends as a bearer token) may scrape it, nobody else; what it shows after a handover is the
/// hub's own figures, read from the read model and indexed counts, with nothing personal in them.
/// </summary>
public class MetricsEndpointTests : IAsyncLifetime
{
    const string MonitorKey = "prometheus-scrape-key-0123456789";
    TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        var settings = TestHub.Simulated(AgencySamples.Now);
        settings["Hub:Access:Monitors:0:name"] = "prometheus";
        settings["Hub:Access:Monitors:0:key"] = MonitorKey;
        _hub = await TestHub.StartAsync(settings);
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Strangers_are_refused_and_operators_and_monitors_may_scrape()
    {
        (await _hub.Http.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _hub.Client("not-a-key-of-this-hub-at-all").GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _hub.As("bjz-noord-brabant").GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _hub.Auditor.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _hub.Operator.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _hub.Client(MonitorKey).GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_monitor_key_opens_nothing_but_the_metrics()
    {
        var monitor = _hub.Client(MonitorKey);
        (await monitor.GetAsync("/api/operator/counts")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await monitor.GetAsync("/api/audit/verify")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await monitor.PostAsync("/api/handovers", Messages.Json(Messages.Handover()))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task After_a_handover_the_figures_show_it_and_nothing_personal()
    {
        var before = await ScrapeAsync();
        var id = await _hub.SubmitAsync(Messages.Handover());
        await _hub.WaitForStateAsync(id, "delivered");
        (await _hub.As("school-de-regenboog").PostAsync("/api/handovers", Messages.Json(Invalid()))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        // The figures are read at most every few seconds (TelemetryOptions.FiguresMaxAge): wait for a scrape that sees the handover.
        var text = await ScrapeUntilAsync(t => Value(t, "integrationhub_handovers", "state=\"delivered\"") == 1);

        Value(text, "integrationhub_handovers_submitted").Should().Be(1);
        Value(text, "integrationhub_handovers", "state=\"submitted\"").Should().Be(0);
        Value(text, "integrationhub_handovers_overdue").Should().Be(0);
        Value(text, "integrationhub_escalations_open", "level=\"1\"").Should().Be(0);
        Value(text, "integrationhub_outbox_pending").Should().Be(0);
        Value(text, "integrationhub_outbox_parked").Should().Be(0);
        Value(text, "integrationhub_deadlines_due").Should().Be(0);
        Value(text, "integrationhub_rejects_unreplayed").Should().Be(1);
        // Event metrics are process-wide (other test hubs may add to them): at least this hub's own.
        Value(text, "integrationhub_step_duration_seconds_count", "step=\"HandoverSubmitted\"").Should().BeGreaterThanOrEqualTo(1);
        Value(text, "integrationhub_step_duration_seconds_count", "step=\"HandoverDelivered\"").Should().BeGreaterThanOrEqualTo(1);
        Value(text, "integrationhub_mail_sent_total", "kind=\"handover\",agency=\"bjz-noord-brabant\"").Should().BeGreaterThanOrEqualTo(1);
        Value(text, "integrationhub_inbound_refusals_total", "channel=\"api\",agency=\"school-de-regenboog\"").Should().BeGreaterThanOrEqualTo(1);
        text.Should().Contain("http_requests_received_total").And.Contain("endpoint=\"/api/handovers/\"");
        text.Should().NotContain(id.ToString(), "a handover id is no label: the registry would grow without end");
        foreach (var personal in Personal.Values.Append("123456789"))
            text.Should().NotContain(personal);
        before.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_deadline_that_fires_is_counted_with_its_lag_and_the_escalation_by_level()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        await _hub.WaitForStateAsync(id, "delivered");
        (await _hub.Operator.PostAsync("/api/admin/clock", Messages.Json(new System.Text.Json.Nodes.JsonObject { ["advance"] = "P5D" }))).EnsureSuccessStatusCode();
        await _hub.WaitForViewAsync(id, v => v["escalations"]!.AsArray().Count > 0);
        var text = await ScrapeUntilAsync(t => Value(t, "integrationhub_escalations_open", "level=\"1\"") >= 1);
        Value(text, "integrationhub_handovers_overdue").Should().BeGreaterThanOrEqualTo(1);
        Value(text, "integrationhub_deadline_lag_seconds_count").Should().BeGreaterThanOrEqualTo(1);
        Value(text, "integrationhub_step_duration_seconds_count", "step=\"DeadlineReached\"").Should().BeGreaterThanOrEqualTo(1);
    }

    static System.Text.Json.Nodes.JsonObject Invalid()
    {
        var invalid = Messages.Handover();
        invalid["subject"]!["bsn"] = "123456789";
        return invalid;
    }

    async Task<string> ScrapeAsync()
    {
        var response = await _hub.Operator.GetAsync("/metrics");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    async Task<string> ScrapeUntilAsync(Func<string, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var text = await ScrapeAsync();
        while (!until(text))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the scrape never showed what was expected:\n{string.Join('\n', text.Split('\n').Where(l => l.StartsWith("integrationhub_")))}");
            await Task.Delay(250);
            text = await ScrapeAsync();
        }
        return text;
    }

    /// <summary>The sample of <paramref name="name"/> whose labels contain <paramref name="labels"/>; -1 when there is none.</summary>
    static double Value(string text, string name, string? labels = null)
    {
        foreach (var line in text.Split('\n'))
        {
            var match = Regex.Match(line, @"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>\S+)");
            if (!match.Success || match.Groups["name"].Value != name)
                continue;
            if (labels is not null && !match.Groups["labels"].Value.Contains(labels, StringComparison.Ordinal))
                continue;
            return double.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return -1;
    }
}
