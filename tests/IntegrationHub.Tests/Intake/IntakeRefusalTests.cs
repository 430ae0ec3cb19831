using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Tests.Operator;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Intake;

/// <summary>
/// Issue 10 §1 on the path a real agency uses (HTTP): what the hub cannot deliver or cannot read is refused
/// at intake with a 400 problem+json naming the path, instead of a 202 followed by a saga that faults or a
/// renderer that throws forever.
/// </summary>
public class IntakeRefusalTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(OperatorHub.Monday));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    static async Task<IReadOnlyList<string>> RefusedAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return JsonNode.Parse(text)!["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ToList();
    }

    async Task<long> CountAsync(string table)
    {
        await using var connection = await _hub.Get<HubDatabase>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    [Fact]
    public async Task A_control_character_in_a_handover_to_bjz_is_refused_instead_of_breaking_the_xml_renderer()
    {
        var handover = Messages.Handover(receiver: "bjz-noord-brabant");
        handover["subject"]!["givenName"] = "Ke\u0007vin";

        (await RefusedAsync(await _hub.PostHandoverAsync(handover))).Should().Equal("/subject/givenName");

        (await CountAsync("handover_documents")).Should().Be(0, "nothing refused is accepted");
        (await CountAsync("rejects")).Should().Be(1, "an operator sees the refusal");
    }

    [Fact]
    public async Task A_bidi_override_in_a_guardians_name_is_refused()
    {
        var handover = Messages.Handover();
        handover["family"]!["guardians"]![0]!["name"] = "S. \u202EmadsreteiP";
        (await RefusedAsync(await _hub.PostHandoverAsync(handover))).Should().Equal("/family/guardians/0/name");
    }

    [Theory]
    [InlineData("\"urgency\":\"regular\"", "\"urgency\":\"regular\",\"urgency\":\"crisis\"", "/urgency")]
    [InlineData("\"Kevin\"", "\"Ke\\ud800vin\"", "/subject/givenName")]
    [InlineData("\"schemaVersion\":\"1.0\"", "\"schemaVersion\":1.0", "/schemaVersion")]
    [InlineData("\"schemaVersion\":\"1.0\"", "\"schemaVersion\":null", "/schemaVersion")]
    [InlineData("\"urgency\":\"regular\"", "\"urgency\":[\"regular\"]", "/urgency")]
    [InlineData("\"purpose\":\"care\"", "\"purpose\":\"care\",\"size\":1e999", "/size")]
    [InlineData("\"summary\":", "\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],\"summary\":", "/")]
    public async Task Hostile_json_is_a_400_problem_naming_the_path(string from, string to, string path)
    {
        var json = Messages.Handover().ToJsonString();
        json.Should().Contain(from);

        var response = await _hub.As("school-de-regenboog").PostAsync("/api/handovers", Raw(json.Replace(from, to)));

        (await RefusedAsync(response)).Should().Contain(path);
    }

    [Fact]
    public async Task Hostile_feedback_is_a_400_problem_naming_the_path()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        var json = Messages.Feedback("receipt", "bjz-noord-brabant").ToJsonString().Replace("\"kind\":\"receipt\"", "\"kind\":\"receipt\",\"kind\":\"rejection\"");

        var response = await _hub.As("bjz-noord-brabant").PostAsync($"/api/handovers/{id}/feedback", Raw(json));

        (await RefusedAsync(response)).Should().Equal("/kind");
    }

    [Fact]
    public async Task A_care_start_with_an_impossible_planned_end_is_refused_and_the_corrected_resend_is_accepted()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        await _hub.WaitForStateAsync(id, "delivered");
        var careStarted = Messages.Feedback("care-started", "bjz-noord-brabant");
        careStarted["plannedEndDate"] = "0001-01-01";

        (await RefusedAsync(await _hub.FeedbackAsync(id, careStarted))).Should().Equal("/plannedEndDate");

        // The refusal did not consume the messageId: the same message, corrected, goes through.
        careStarted["plannedEndDate"] = "2027-09-01";
        (await _hub.FeedbackAsync(id, careStarted)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var view = await _hub.WaitForStateAsync(id, "care-started");
        view["deadlines"]!.AsArray().Select(d => d!["kind"]!.GetValue<string>()).Should().Contain("aftercare-plan");
    }

    [Fact]
    public async Task Feedback_dated_before_the_handover_was_submitted_is_refused()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        var receipt = Messages.Feedback("receipt", "bjz-noord-brabant", at: OperatorHub.Monday.AddDays(-1).ToString("O"));
        (await RefusedAsync(await _hub.FeedbackAsync(id, receipt))).Should().Equal("/at");
    }

    [Fact]
    public async Task Feedback_from_the_future_is_refused()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        var receipt = Messages.Feedback("receipt", "bjz-noord-brabant", at: OperatorHub.Monday.AddHours(1).ToString("O"));
        (await RefusedAsync(await _hub.FeedbackAsync(id, receipt))).Should().Equal("/at");
    }

    [Fact]
    public async Task Care_cannot_start_before_the_receipt_was_confirmed()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        await _hub.AdvanceAsync("P1D");
        await _hub.GiveAsync(id, "receipt", "bjz-noord-brabant", "receipt-confirmed");

        var careStarted = Messages.Feedback("care-started", "bjz-noord-brabant", at: OperatorHub.Monday.AddHours(12).ToString("O"));
        (await RefusedAsync(await _hub.FeedbackAsync(id, careStarted))).Should().Equal("/at");

        careStarted["at"] = OperatorHub.Monday.AddDays(1).AddMinutes(1).ToString("O");
        (await _hub.FeedbackAsync(id, careStarted)).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("data:application/pdf;base64,JVBERi0=")]
    [InlineData("http://dms.example/verslag.pdf")]
    public async Task An_attachment_by_another_scheme_than_https_or_urn_is_refused(string uri)
    {
        var handover = Messages.Handover();
        handover["attachments"] = new JsonArray(new JsonObject
        {
            ["title"] = "Verslag", ["contentType"] = "application/pdf", ["uri"] = uri, ["sizeBytes"] = 10, ["sha256"] = new string('0', 64),
        });
        (await RefusedAsync(await _hub.PostHandoverAsync(handover))).Should().Equal("/attachments/0/uri");
    }

    [Fact]
    public async Task An_https_attachment_is_carried_onward()
    {
        var handover = Messages.Handover();
        handover["attachments"] = new JsonArray(new JsonObject
        {
            ["title"] = "Verslag", ["contentType"] = "application/pdf", ["uri"] = "https://dms.regenboog.example/v/17", ["sizeBytes"] = 10, ["sha256"] = new string('0', 64),
        });
        await _hub.SubmitAsync(handover);
    }

    [Fact]
    public async Task Empty_strings_are_refused_by_path()
    {
        var handover = Messages.Handover();
        handover["sender"]!["professional"]!["role"] = "";
        handover["summary"] = "";
        handover["legalBasis"]!["reference"] = " ";

        (await RefusedAsync(await _hub.PostHandoverAsync(handover)))
            .Should().BeEquivalentTo("/sender/professional/role", "/summary", "/legalBasis/reference");
    }

    [Fact]
    public async Task A_veiligheidshuis_message_with_a_field_given_twice_is_unreadable_with_its_path()
    {
        var json = Encoding.UTF8.GetString(AgencySamples.VhhHenkCareReport()).Replace("\"urgentie\": \"spoed\"", "\"urgentie\": \"spoed\", \"urgentie\": \"regulier\"");

        var response = await _hub.PostAdapterAsync("veiligheidshuis", Encoding.UTF8.GetBytes(json), "application/json");

        (await RefusedAsync(response)).Should().Equal("/urgentie");
    }
}
