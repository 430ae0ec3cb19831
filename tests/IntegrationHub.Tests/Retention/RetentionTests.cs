using System.Net;
using Dapper;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Retention;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Retention;

/// <summary>The hub forgets on time (BRIEF §7), and the delivery log still proves what happened.</summary>
public class RetentionTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(AgencySamples.Now));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Documents_of_a_closed_handover_go_after_90_days_the_open_ones_stay_and_the_log_stays_verifiable()
    {
        var closed = await _hub.SubmitAsync(Messages.Handover());
        var open = await _hub.SubmitAsync(Messages.Handover());
        await _hub.WaitForStateAsync(open, "delivered");
        (await _hub.FeedbackAsync(closed, Messages.Feedback("withdrawal", "school-de-regenboog", reason: "moved away"))).EnsureSuccessStatusCode();
        await _hub.WaitForStateAsync(closed, "withdrawn");

        await AdvanceAsync("P89D");
        (await _hub.Get<RetentionSweep>().RunAsync(default)).Handovers.Should().Be(0, "89 days is within the term");
        await AdvanceAsync("P2D");
        var run = await _hub.Get<RetentionSweep>().RunAsync(default);

        run.Handovers.Should().Be(1);
        run.FeedbackDocuments.Should().Be(1);
        (await CountAsync("SELECT COUNT(*) FROM handover_documents WHERE handover_id = @Id", closed)).Should().Be(0);
        (await CountAsync("SELECT COUNT(*) FROM feedback_documents WHERE handover_id = @Id", closed)).Should().Be(0);
        (await CountAsync("SELECT COUNT(*) FROM handover_documents WHERE handover_id = @Id", open)).Should().Be(1);
        // The saga, without personal data, stays: its history can still be read.
        (await _hub.WaitForStateAsync(closed, "withdrawn"))["history"]!.AsArray().Should().NotBeEmpty();

        var log = await new DeliveryLogReader(_hub.Get<HubDatabase>()).ReadAsync(new AuditPeriod(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddYears(-1)));
        log.Should().ContainSingle(r => r.Kind == "purge:handover" && r.HandoverId == closed.ToString() && r.Outcome == DeliveryOutcomes.Purged);
        var verdict = await new DeliveryLogVerifier(_hub.Get<HubDatabase>()).VerifyAsync();
        verdict.Intact.Should().BeTrue(verdict.ToString());

        // Auditors' export says it as FHIR does: a delete by the hub.
        var fhir = await _hub.Auditor.GetStringAsync("/api/audit/export?from=2000-01-01&to=2100-01-01&format=fhir");
        FhirConformance.Violations(fhir).Should().BeEmpty();
        fhir.Should().Contain("\"code\":\"delete\"");

        var purges = await _hub.Operator.GetStringAsync("/api/operator/purges");
        purges.Should().Contain("\"handovers\":1");
        (await _hub.Get<RetentionSweep>().RunAsync(default)).Handovers.Should().Be(0, "what was purged is not purged twice");
    }

    [Fact]
    public async Task Rejects_go_30_days_after_they_came_in()
    {
        var bad = Messages.Handover();
        bad["subject"]!["bsn"] = "123456789";
        (await _hub.PostHandoverAsync(bad)).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        await AdvanceAsync("P29D");
        (await _hub.Get<RetentionSweep>().RunAsync(default)).Rejects.Should().Be(0);
        await AdvanceAsync("P2D");
        (await _hub.Get<RetentionSweep>().RunAsync(default)).Rejects.Should().Be(1);
        (await CountAsync("SELECT COUNT(*) FROM rejects", null)).Should().Be(0);
    }

    [Fact]
    public async Task Embedded_mail_goes_once_the_agency_has_read_past_it_and_30_days_passed()
    {
        var first = await _hub.SubmitAsync(Messages.Handover());
        var mail = await _hub.WaitForMailAsync("bjz-noord-brabant", 1);
        var seen = mail[0]!["seq"]!.GetValue<long>();
        await AdvanceAsync("P31D");
        (await _hub.Get<RetentionSweep>().RunAsync(default)).MailboxEntries.Should().Be(0, "the agency has not said it has read it");

        await _hub.MailAsync("bjz-noord-brabant", after: seen);
        var second = await _hub.SubmitAsync(Messages.Handover());
        // Wait for exactly what the assertions below are about, not for "some mail": the escalation notice from the
        // advance and the second handover are written by the hub's own loops, in their own time.
        await WaitForMailboxAsync(m => m.Any(x => x!["handoverId"]!.GetValue<string>() == second.ToString())
            && m.Any(x => x!["handoverId"]!.GetValue<string>() == first.ToString() && x["kind"]!.GetValue<string>() == "escalation-raised"));
        (await _hub.Get<RetentionSweep>().RunAsync(default)).MailboxEntries.Should().Be(1);
        var left = await _hub.MailAsync("bjz-noord-brabant");
        left.Select(m => m!["seq"]!.GetValue<long>()).Should().NotContain(seen, "read past and older than 30 days");
        left.Should().Contain(m => m!["handoverId"]!.GetValue<string>() == first.ToString() && m["kind"]!.GetValue<string>() == "escalation-raised",
            "the first handover's later escalation notice has not been read past");
        left.Should().Contain(m => m!["handoverId"]!.GetValue<string>() == second.ToString(), "new mail stays");
    }

    [Fact]
    public async Task Sent_outbox_rows_go_after_a_day_of_the_machine_clock_pending_ones_never()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        await _hub.WaitForStateAsync(id, "delivered");
        await _hub.WaitForRetoursAsync("school-de-regenboog", 1);
        await using (var connection = await _hub.Get<HubDatabase>().OpenAsync())
            await connection.ExecuteAsync("UPDATE outbox SET dispatched_at = @Then WHERE dispatched_at IS NOT NULL",
                new { Then = DateTimeOffset.UtcNow.AddHours(-25).ToUnixTimeMilliseconds() });

        // The handover to BJZ and the school's retour.
        (await _hub.Get<RetentionSweep>().RunAsync(default)).SentOutboxRows.Should().Be(2);
        (await CountAsync("SELECT COUNT(*) FROM outbox", null)).Should().Be(0);
    }

    async Task WaitForMailboxAsync(Func<System.Text.Json.Nodes.JsonArray, bool> holds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!holds(await _hub.MailAsync("bjz-noord-brabant")))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("bjz-noord-brabant's mailbox never held the expected mail");
            await Task.Delay(50);
        }
    }

    async Task AdvanceAsync(string duration) =>
        (await _hub.Operator.PostAsync("/api/admin/clock", Messages.Json(new System.Text.Json.Nodes.JsonObject { ["advance"] = duration }))).EnsureSuccessStatusCode();

    async Task<long> CountAsync(string sql, Guid? id)
    {
        await using var connection = await _hub.Get<HubDatabase>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, new { Id = id?.ToString() });
    }
}
