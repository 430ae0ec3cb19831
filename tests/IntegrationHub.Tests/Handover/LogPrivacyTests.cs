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
}
