using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Access;

/// <summary>API.md v2, "Identity": an agency acts only as itself, its idempotency keys are its own, and what it sends is bound to its purpose.</summary>
public class IdentityTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(AgencySamples.Now));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_handover_sent_as_another_agency_is_403_and_only_the_refusal_is_kept()
    {
        var handover = Messages.Handover(sender: "school-de-regenboog");

        var response = await _hub.As("jgz-tilburg").PostAsync("/api/handovers", Messages.Json(handover));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var problem = await response.ReadJsonAsync();
        problem["errors"]![0]!["path"]!.GetValue<string>().Should().Be("/sender/agencyId");
        problem.ToJsonString().Should().NotContain("123456782").And.NotContain("Kevin");
        await using var connection = await _hub.Get<HubDatabase>().OpenAsync();
        var reject = await connection.QuerySingleAsync<(string Agency, byte[] Original, long Replayable)>("SELECT agency, original, replayable FROM rejects");
        reject.Agency.Should().Be("jgz-tilburg", "the refusal names who tried");
        reject.Original.Should().BeEmpty("nothing of the content is stored");
        reject.Replayable.Should().Be(0);
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM handover_documents")).Should().Be(0);
        var log = await new DeliveryLogReader(_hub.Get<HubDatabase>()).ReadAsync(new AuditPeriod(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddYears(-1)));
        log.Should().ContainSingle(r => r.Outcome == DeliveryOutcomes.Refused && r.Sender == "jgz-tilburg" && r.Kind == "handover");
    }

    [Fact]
    public async Task The_same_messageId_from_two_agencies_is_two_handovers()
    {
        var messageId = Guid.NewGuid().ToString();
        var fromSchool = Messages.Handover(sender: "school-de-regenboog");
        var fromJgz = Messages.Handover(sender: "jgz-tilburg");
        fromSchool["messageId"] = messageId;
        fromJgz["messageId"] = messageId;

        var school = await _hub.SubmitAsync(fromSchool);
        var jgz = await _hub.SubmitAsync(fromJgz);

        jgz.Should().NotBe(school, "one agency can never pre-empt another's message");
        (await _hub.WaitForStateAsync(jgz, "delivered"))["sender"]!.GetValue<string>().Should().Be("jgz-tilburg");
        (await _hub.WaitForStateAsync(school, "delivered"))["sender"]!.GetValue<string>().Should().Be("school-de-regenboog");
    }

    [Fact]
    public async Task The_same_agency_reusing_a_messageId_for_other_content_is_409()
    {
        var handover = Messages.Handover();
        var id = await _hub.SubmitAsync(handover);

        var again = await _hub.PostHandoverAsync(handover);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.ReadJsonAsync())["handoverId"]!.GetValue<string>().Should().Be(id.ToString());

        handover["urgency"] = "urgent";
        (await _hub.PostHandoverAsync(handover)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Feedback_message_ids_are_scoped_to_their_handover()
    {
        var first = await _hub.SubmitAsync(Messages.Handover());
        var second = await _hub.SubmitAsync(Messages.Handover());
        var receipt = Messages.Feedback("receipt", "bjz-noord-brabant");

        (await _hub.FeedbackAsync(first, receipt)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _hub.FeedbackAsync(second, receipt)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await _hub.WaitForStateAsync(first, "receipt-confirmed");
        await _hub.WaitForStateAsync(second, "receipt-confirmed");

        receipt["note"] = "other content under the same messageId";
        (await _hub.FeedbackAsync(first, receipt)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Feedback_given_as_the_other_party_is_403()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());

        var response = await _hub.As("school-de-regenboog").PostAsync($"/api/handovers/{id}/feedback",
            Messages.Json(Messages.Feedback("care-started", "bjz-noord-brabant")));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.ReadJsonAsync())["errors"]![0]!["path"]!.GetValue<string>().Should().Be("/by/agencyId");
        (await _hub.WaitForStateAsync(id, "delivered"))["history"]!.AsArray().Should().NotContain(h => h!["event"]!.GetValue<string>() == "care-started");
    }

    [Fact]
    public async Task The_view_is_for_its_parties_operators_and_auditors()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());

        (await _hub.As("school-de-regenboog").GetAsync($"/api/handovers/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _hub.As("bjz-noord-brabant").GetAsync($"/api/handovers/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _hub.Operator.GetAsync($"/api/handovers/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _hub.Auditor.GetAsync($"/api/handovers/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _hub.As("cjg-tilburg").GetAsync($"/api/handovers/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_handover_in_another_content_type_is_415(string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Messages.Handover().ToJsonString()));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await _hub.As("school-de-regenboog").PostAsync("/api/handovers", content);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await _hub.Get<IntegrationHub.Hub.Outbox.OutboxStore>().PendingCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_json_subtype_is_accepted()
    {
        var content = new StringContent(Messages.Handover().ToJsonString(), Encoding.UTF8, "application/vnd.integrationhub+json");
        (await _hub.As("school-de-regenboog").PostAsync("/api/handovers", content)).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Justice_information_never_goes_to_a_school()
    {
        var handover = Messages.Handover(sender: "veiligheidshuis-tilburg", receiver: "school-vmbo-noord");
        handover["purpose"] = "justice";

        var response = await _hub.PostHandoverAsync(handover);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync())["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).Should().Equal("/purpose");
    }

    [Fact]
    public async Task Justice_information_may_go_to_the_veiligheidshuis()
    {
        var handover = Messages.Handover(sender: "school-vmbo-noord", receiver: "veiligheidshuis-tilburg");
        handover["purpose"] = "justice";
        (await _hub.PostHandoverAsync(handover)).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task An_operator_replay_keeps_the_parties_and_names_the_operator()
    {
        var handover = Messages.Handover();
        handover["subject"]!["bsn"] = "123456789";
        (await _hub.PostHandoverAsync(handover)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var rejectId = (await _hub.Operator.GetFromJsonAsync<JsonObject>("/api/operator/rejects"))!["items"]![0]!["id"]!.GetValue<long>();

        handover["subject"]!["bsn"] = "123456782";
        handover["receiver"]!["agencyId"] = "cjg-tilburg";
        var moved = await ReplayAsync(rejectId, handover);
        moved["outcome"]!.GetValue<string>().Should().Be("forbidden");
        moved["problems"]![0]!["path"]!.GetValue<string>().Should().Be("/receiver/agencyId");

        handover["receiver"]!["agencyId"] = "bjz-noord-brabant";
        handover["sender"]!["agencyId"] = "jgz-tilburg";
        (await ReplayAsync(rejectId, handover))["outcome"]!.GetValue<string>().Should().Be("forbidden");

        handover["sender"]!["agencyId"] = "school-de-regenboog";
        var replayed = await ReplayAsync(rejectId, handover);
        replayed["outcome"]!.GetValue<string>().Should().Be("accepted");
        var log = await new DeliveryLogReader(_hub.Get<HubDatabase>()).ReadAsync(new AuditPeriod(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddYears(-1)));
        log.Should().Contain(r => r.Outcome == DeliveryOutcomes.Accepted && r.Sender == "school-de-regenboog"
            && r.Channel == $"operator:operator#1:replay:{rejectId}");
    }

    async Task<JsonObject> ReplayAsync(long rejectId, JsonObject body)
    {
        var response = await _hub.Operator.PostAsync($"/api/operator/rejects/{rejectId}/replay", Messages.Json(body));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.ReadJsonAsync();
    }
}
