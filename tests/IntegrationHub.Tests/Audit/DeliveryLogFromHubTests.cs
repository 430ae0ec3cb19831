using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Audit;

/// <summary>A running hub records accepted, delivered, refused and rejected messages in one linked chain, without personal data.</summary>
public class DeliveryLogFromHubTests : IAsyncLifetime
{
    TestHub _hub = null!;
    Guid _handoverId;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync();
        _handoverId = await _hub.SubmitAsync(Messages.Handover());
        await _hub.WaitForStateAsync(_handoverId, "delivered");
        (await _hub.FeedbackAsync(_handoverId, Messages.Feedback("receipt", "bjz-noord-brabant"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        // The receiver may not withdraw the sender's handover: refused, and on record.
        (await _hub.FeedbackAsync(_handoverId, Messages.Feedback("withdrawal", "bjz-noord-brabant", reason: "not ours"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var invalid = Messages.Handover();
        invalid["subject"]!["bsn"] = "123456789";
        (await _hub.PostHandoverAsync(invalid)).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        // The receipt's mail to the sender and the four retours (one per message sent) are delivered asynchronously:
        // the log is still once they are in.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await RowsAsync() is var rows && (!rows.Any(r => r.Kind == "mail:feedback" && r.Receiver == "school-de-regenboog")
                                                 || rows.Count(r => r.Kind == "mail:retour") < 4))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the receipt's mail to the sender never reached the delivery log");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    async Task<IReadOnlyList<DeliveryLogRow>> RowsAsync() =>
        await new DeliveryLogReader(_hub.Get<HubDatabase>()).ReadAsync(new AuditPeriod(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddYears(10)));

    [Fact]
    public async Task Each_fact_is_one_linked_entry_with_its_outcome()
    {
        var rows = await RowsAsync();

        rows.Select(r => (r.Kind, r.Outcome)).Should().ContainInOrder(
            ("handover", DeliveryOutcomes.Accepted), ("feedback:receipt", DeliveryOutcomes.Accepted),
            ("feedback:withdrawal", DeliveryOutcomes.Refused), ("handover", DeliveryOutcomes.Rejected));
        rows.Should().Contain(r => r.Kind == "mail:handover" && r.Outcome == DeliveryOutcomes.Delivered && r.Receiver == "bjz-noord-brabant");
        var accepted = rows.First(r => r.Outcome == DeliveryOutcomes.Accepted);
        accepted.Should().Match<DeliveryLogRow>(r => r.HandoverId == _handoverId.ToString() && r.Sender == "school-de-regenboog"
            && r.Receiver == "bjz-noord-brabant" && r.Purpose == "care" && r.LegalBasis == "consent" && r.SubjectKey!.StartsWith("sk-"));

        var verdict = await new DeliveryLogVerifier(_hub.Get<HubDatabase>()).VerifyAsync();
        verdict.Intact.Should().BeTrue(verdict.ToString());
        verdict.Count.Should().Be(rows.Count);
    }

    [Fact]
    public async Task No_column_of_any_entry_holds_the_child_s_bsn_or_name()
    {
        await using var connection = await _hub.Get<HubDatabase>().OpenAsync();
        var rows = (await connection.QueryAsync("SELECT * FROM delivery_log")).Cast<IDictionary<string, object?>>().ToList();

        rows.Should().HaveCountGreaterThanOrEqualTo(4);
        var values = rows.SelectMany(r => r.Values).Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList();
        values.Should().NotContain(v => v.Contains("123456782") || v.Contains("123456789") || v.Contains("Kevin", StringComparison.OrdinalIgnoreCase)
            || v.Contains("Pietersdam", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Auditors_verify_and_export_over_http()
    {
        var verify = await _hub.Auditor.GetFromJsonAsync<JsonObject>("/api/audit/verify");
        verify!["intact"]!.GetValue<bool>().Should().BeTrue();
        var count = verify["count"]!.GetValue<long>();

        var period = $"from={DateTimeOffset.UtcNow.AddDays(-1):yyyy-MM-dd}&to={DateTimeOffset.UtcNow.AddDays(2):yyyy-MM-dd}";
        var csv = await _hub.Auditor.GetAsync($"/api/audit/export?{period}&format=csv");
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        Csv.Parse(await csv.Content.ReadAsStringAsync()).Should().HaveCount((int)count + 1);

        var fhir = await _hub.Auditor.GetStringAsync($"/api/audit/export?{period}&format=fhir");
        FhirSchema.Violations(fhir).Should().BeEmpty();
        JsonNode.Parse(fhir)!["entry"]!.AsArray().Should().HaveCount((int)count);

        (await _hub.Auditor.GetAsync("/api/audit/export?from=yesterday&to=2026-01-01")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _hub.Auditor.GetAsync($"/api/audit/export?{period}&format=xml")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}

public class AuditAccessTests
{
    [Theory]
    [InlineData(null, 401)]
    [InlineData("test-operator-key", 403)]
    [InlineData("test-bjz-key", 403)]
    [InlineData("test-auditor-key", 200)]
    public async Task Only_an_auditor_key_reads_the_delivery_log(string? key, int expected)
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["Hub:Access:Agencies:bjz-noord-brabant:0"] = "test-bjz-key",
        });
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/audit/verify");
        if (key is not null)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);

        var response = await hub.Http.SendAsync(request);

        ((int)response.StatusCode).Should().Be(expected);
    }
}
