using System.Net;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Handover;

/// <summary>The public contract's handover calls, over real HTTP, on the embedded default.</summary>
public class HandoverApiTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task The_example_handover_is_delivered_and_takes_a_receipt()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        await _hub.WaitForStateAsync(id, "delivered");

        var response = await _hub.FeedbackAsync(id, Messages.Feedback("receipt", "bjz-noord-brabant"));
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);

        var view = await _hub.WaitForStateAsync(id, "receipt-confirmed");
        view["deadlines"]!.AsArray().Select(d => d!["kind"]!.GetValue<string>()).Should().Equal("delivery", "receipt", "care-started");
        view["deadlines"]!.AsArray().Take(2).Should().OnlyContain(d => d!["metAt"] != null, "delivered, and its receipt confirmed");
    }

    [Fact]
    public async Task The_same_messageId_twice_creates_one_handover()
    {
        var handover = Messages.Handover();
        var first = await _hub.PostHandoverAsync(handover);
        var second = await _hub.PostHandoverAsync(handover);

        first.StatusCode.Should().Be(HttpStatusCode.Accepted);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.ReadJsonAsync())["handoverId"]!.GetValue<string>()
            .Should().Be((await first.ReadJsonAsync())["handoverId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_bsn_missing_legal_basis_and_unknown_receiver_give_one_400_listing_all_three()
    {
        var handover = Messages.Handover(receiver: "bjz-atlantis");
        handover["subject"]!["bsn"] = "123456789";
        handover.Remove("legalBasis");
        var response = await _hub.PostHandoverAsync(handover);
        // The outbox is the only way anything leaves the hub: a refused handover leaves nothing there but its retour to
        // the sender, and no saga.
        await using (var connection = await _hub.Get<IntegrationHub.Hub.Persistence.HubDatabase>().OpenAsync())
        {
            (await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM outbox WHERE destination <> 'agency:school-de-regenboog'")).Should().Be(0);
            (await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM handovers")).Should().Be(0);
        }

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var paths = (await response.ReadJsonAsync())["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>());
        paths.Should().BeEquivalentTo("/subject/bsn", "/legalBasis", "/receiver/agencyId");
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_refused_by_name_and_kept_for_operators()
    {
        var handover = Messages.Handover();
        handover["subject"]!["givenName"] = "Zoë";
        var latin1 = System.Text.Encoding.Latin1.GetBytes(handover.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        var response = await _hub.As("school-de-regenboog").PostAsync("/api/handovers", new ByteArrayContent(latin1) { Headers = { { "Content-Type", "application/json" } } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = (await response.ReadJsonAsync())["errors"]!.AsArray().Should().ContainSingle().Subject!;
        error["path"]!.GetValue<string>().Should().Be("/");
        // The first byte that is not UTF-8 is the Latin-1 'ö' of "zorgcoördinator", named with its offset.
        var first = Array.FindIndex(latin1, b => b >= 0x80);
        error["reason"]!.GetValue<string>().Should().Contain("not valid UTF-8").And.Contain($"byte 0x{latin1[first]:X2} at offset {first}");
        await using var connection = await _hub.Get<IntegrationHub.Hub.Persistence.HubDatabase>().OpenAsync();
        var stored = await Dapper.SqlMapper.QuerySingleAsync<byte[]>(connection, "SELECT original FROM rejects WHERE channel = 'api:handovers'");
        stored.Should().Equal(latin1);
        (await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM handovers")).Should().Be(0);
        // Only the sender hears it, in its own format: unreadable (0001), and no value from it.
        var retour = (await _hub.WaitForRetoursAsync("school-de-regenboog", 1)).Single()!["body"]!.GetValue<string>();
        retour.Should().Contain(";Afgekeurd;").And.Contain("0001").And.NotContain("Zoë").And.NotContain("Kevin");
    }

    [Fact]
    public async Task Unknown_handover_is_404_for_view_and_feedback()
    {
        var id = Guid.NewGuid();
        (await _hub.Operator.GetAsync($"/api/handovers/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _hub.FeedbackAsync(id, Messages.Feedback("receipt", "bjz-noord-brabant"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Feedback_from_an_agency_that_is_no_party_is_404()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        var response = await _hub.FeedbackAsync(id, Messages.Feedback("receipt", "cjg-tilburg"));
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_receipt_from_the_sender_is_403_it_is_the_receivers_to_give()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        var response = await _hub.FeedbackAsync(id, Messages.Feedback("receipt", "school-de-regenboog"));
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.ReadJsonAsync())["detail"]!.GetValue<string>().Should().Contain("only the receiver (bjz-noord-brabant)");
    }

    [Fact]
    public async Task Receipt_on_a_withdrawn_handover_is_409()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        (await _hub.FeedbackAsync(id, Messages.Feedback("withdrawal", "school-de-regenboog", reason: "Family moved away"))).StatusCode
            .Should().Be(HttpStatusCode.Accepted);
        await _hub.WaitForStateAsync(id, "withdrawn");

        var response = await _hub.FeedbackAsync(id, Messages.Feedback("receipt", "bjz-noord-brabant"));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.ReadJsonAsync())["detail"]!.GetValue<string>().Should().Contain("withdrawn");
    }

    [Fact]
    public async Task The_simulated_clock_endpoint_does_not_exist_unless_configured() =>
        (await _hub.Operator.PostAsync("/api/admin/clock", Messages.Json(new System.Text.Json.Nodes.JsonObject { ["advance"] = "P1D" })))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);

    [Fact]
    public async Task Health_names_database_and_broker()
    {
        var body = await (await _hub.Http.GetAsync("/health")).ReadJsonAsync();
        body["status"]!.GetValue<string>().Should().Be("up");
        body["database"]!["provider"]!.GetValue<string>().Should().Be("sqlite");
        body["broker"]!["transport"]!.GetValue<string>().Should().Be("embedded");
    }
}
