using System.Diagnostics;
using IntegrationHub.Hub.Telemetry;
using IntegrationHub.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace IntegrationHub.Tests.Telemetry;

/// <summary>
/// The hub's own activities (intake, saga step, postman, deadline batch) as an OpenTelemetry exporter receives
/// them, here an in-memory one added to the hub's own tracing set-up: they carry ids, and no tag, name or event of
/// any span (the hub's, ASP.NET Core's or Npgsql's) holds the handover's personal data.
/// </summary>
public class TraceTests
{
    [Fact]
    public async Task Step_activities_carry_ids_and_no_personal_data()
    {
        var exported = new List<Activity>();
        await using var hub = await TestHub.StartAsync(TestHub.Simulated(AgencySamples.Now),
            configure: b => b.Services.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(exported)));

        var handover = Messages.Handover();
        var id = await hub.SubmitAsync(handover);
        await hub.WaitForStateAsync(id, "delivered");
        (await hub.FeedbackAsync(id, Messages.Feedback("receipt", "bjz-noord-brabant"))).EnsureSuccessStatusCode();
        await hub.WaitForStateAsync(id, "receipt-confirmed");
        // Past the care-started deadline (10 working days): a deadline batch fires.
        (await hub.Operator.PostAsync("/api/admin/clock", Messages.Json(new System.Text.Json.Nodes.JsonObject { ["advance"] = "P20D" }))).EnsureSuccessStatusCode();
        await hub.WaitForViewAsync(id, v => v["escalations"]!.AsArray().Count > 0);
        // A stranger's request with a BSN in its path and query.
        await hub.Operator.GetAsync("/api/handovers/123456782?bsn=123456782&name=Kevin");

        Activity[] spans;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            lock (exported)
                spans = [.. exported];
            if (spans.Any(s => s.DisplayName == "deadline batch") && spans.Any(s => s.DisplayName.Contains("(no route)")) || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(100);
        }
        // Activity sources are process-wide: other tests' hubs may add spans; this hub's carry its handover's id.
        var ours = spans.Where(s => s.Source.Name == HubTracing.SourceName
            && ((string?)s.GetTagItem(HubTracing.HandoverId) == id.ToString() || s.DisplayName == "deadline batch")).ToList();
        var names = ours.Select(s => s.DisplayName).Distinct().ToList();
        names.Should().Contain(["handover intake", "feedback intake", "postman deliver", "deadline batch"]);
        names.Should().Contain(n => n.StartsWith("saga step ", StringComparison.Ordinal));

        ours.First(s => s.DisplayName == "handover intake").GetTagItem(HubTracing.Agency).Should().Be("school-de-regenboog");
        ours.First(s => s.DisplayName == "postman deliver").GetTagItem(HubTracing.MailId).Should().NotBeNull();
        // The HTTP spans name the route template, not the path.
        spans.Should().Contain(s => s.DisplayName == "POST /api/handovers");
        spans.Where(s => s.Kind == ActivityKind.Server).Should().OnlyContain(s => !((string?)s.GetTagItem("url.path") ?? "/").Contains("123456782"));

        var everything = spans.SelectMany(s => new[] { s.DisplayName, s.OperationName }
            .Concat(s.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(s.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")))).ToList();
        everything.Should().NotBeEmpty();
        foreach (var personal in Personal.Values)
            everything.Should().NotContain(text => text.Contains(personal, StringComparison.Ordinal), $"'{personal}' is personal data");
    }
}
