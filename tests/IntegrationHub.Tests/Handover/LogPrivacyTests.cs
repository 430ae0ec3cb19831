using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Handover;

/// <summary>Log lines carry ids only: never a BSN, a child's or parent's name, or a document.</summary>
public class LogPrivacyTests
{
    [Fact]
    public async Task Nothing_personal_reaches_the_log_on_accept_refuse_feedback_and_escalation()
    {
        var logFile = Path.Combine(Path.GetTempPath(), "hub-log-" + Guid.NewGuid().ToString("N")[..8] + ".log");
        var settings = TestHub.Simulated(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(1)));
        settings["Serilog:Using:0"] = "Serilog.Sinks.File";
        settings["Serilog:WriteTo:0:Name"] = "File";
        settings["Serilog:WriteTo:0:Args:path"] = logFile;
        settings["Serilog:MinimumLevel:Default"] = "Debug";

        await using (var hub = await TestHub.StartAsync(settings))
        {
            var id = await hub.SubmitAsync(Messages.Handover());
            await hub.WaitForStateAsync(id, "delivered");
            var invalid = Messages.Handover();
            invalid["subject"]!["bsn"] = "123456789";
            await hub.PostHandoverAsync(invalid);
            await hub.FeedbackAsync(id, Messages.Feedback("receipt", "cjg-tilburg"));
            await hub.Operator.PostAsync("/api/admin/clock", Messages.Json(new System.Text.Json.Nodes.JsonObject { ["advance"] = "P5D" }));
            await hub.WaitForViewAsync(id, v => v["escalations"]!.AsArray().Count > 0);
        }

        var log = await File.ReadAllTextAsync(logFile);
        log.Should().Contain("accepted from school-de-regenboog", "the log must have been written for this test to mean anything");
        foreach (var personal in new[] { "123456782", "123456789", "234567892", "Kevin", "Pietersdam", "Lindenstraat", "06-12345678", "5038 AB" })
            log.Should().NotContain(personal);
        File.Delete(logFile);
    }

    /// <summary>
    /// One line per request (Serilog.AspNetCore) naming the route template, never the path or query string: an
    /// id typed into a URL can be a BSN, a filter's value a name.
    /// </summary>
    [Fact]
    public async Task Request_lines_name_the_route_not_the_path_or_query()
    {
        var logFile = Path.Combine(Path.GetTempPath(), "hub-log-" + Guid.NewGuid().ToString("N")[..8] + ".log");
        var settings = TestHub.Simulated(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(1)));
        settings["Serilog:Using:0"] = "Serilog.Sinks.File";
        settings["Serilog:WriteTo:0:Name"] = "File";
        settings["Serilog:WriteTo:0:Args:path"] = logFile;
        settings["Serilog:WriteTo:0:Args:outputTemplate"] = "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}";
        settings["Serilog:MinimumLevel:Default"] = "Debug";
        // An operator who turns ASP.NET Core's own request and routing logs back on still gets no URLs in the log.
        settings["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Debug";
        settings["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.Routing"] = "Debug";

        await using (var hub = await TestHub.StartAsync(settings))
        {
            var id = await hub.SubmitAsync(Messages.Handover());
            await hub.WaitForStateAsync(id, "delivered");
            await hub.Operator.GetAsync("/api/handovers/123456782?bsn=123456782");
            await hub.Operator.GetAsync($"/api/handovers/{id}?name=Kevin+Pietersdam&birthDate=2016-04-12");
            await hub.Operator.GetAsync("/api/operator/handovers?q=Pietersdam");
            await hub.As("school-de-regenboog").PostAsync("/api/handovers", Messages.Json(Messages.Handover().Also(h => h["subject"]!["bsn"] = "123456789")));
        }

        var log = await File.ReadAllTextAsync(logFile);
        log.Should().Contain("HTTP POST /api/handovers answered 202").And.Contain("HTTP GET /api/handovers/{id:guid} answered 200")
            .And.Contain("HTTP GET (no route) answered 404").And.Contain("HTTP POST /api/handovers answered 400");
        log.Should().Contain("\"CallerAgency\":\"school-de-regenboog\"", "a request line says which agency called");
        foreach (var personal in new[] { "123456782", "123456789", "Kevin", "Pietersdam", "2016-04-12", "Lindenstraat" })
            log.Should().NotContain(personal);
        File.Delete(logFile);
    }
}

static class JsonObjectAlso
{
    public static System.Text.Json.Nodes.JsonObject Also(this System.Text.Json.Nodes.JsonObject node, Action<System.Text.Json.Nodes.JsonObject> change)
    {
        change(node);
        return node;
    }
}
