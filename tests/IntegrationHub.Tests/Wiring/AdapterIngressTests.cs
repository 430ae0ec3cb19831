using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Wiring;

/// <summary>POST /api/adapters/{name}/messages over real HTTP on the embedded hub: each adapter's way in.</summary>
public class AdapterIngressTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(AgencySamples.Now));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    public static TheoryData<string, string, string> Valid => new()
    {
        { "school", "text/csv", "school-de-regenboog" },
        { "bjz", "application/xml", "bjz-noord-brabant" },
        { "veiligheidshuis", "application/json", "veiligheidshuis-tilburg" },
        { "jgz", "application/fhir+json", "jgz-tilburg" },
    };

    static byte[] Sample(string adapter) => adapter switch
    {
        "school" => AgencySamples.SchoolKevinZat(),
        "bjz" => AgencySamples.BjzHandoverToCjg(),
        "jgz" => AgencySamples.JgzKevinBundle(),
        _ => AgencySamples.VhhHenkCareReport(),
    };

    static string Bsn(string adapter) => adapter == "veiligheidshuis" ? "234567892" : "123456782";

    [Theory, MemberData(nameof(Valid))]
    public async Task A_valid_message_is_accepted_and_becomes_a_handover(string adapter, string contentType, string sender)
    {
        var response = await _hub.PostAdapterAsync(adapter, Sample(adapter), contentType);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var message = (await response.ReadJsonAsync())["messages"]!.AsArray().Should().ContainSingle().Subject!;
        message["kind"]!.GetValue<string>().Should().Be("handover");
        var id = Guid.Parse(message["handoverId"]!.GetValue<string>());
        var view = await _hub.WaitForStateAsync(id, "delivered");
        view["sender"]!.GetValue<string>().Should().Be(sender);
    }

    [Theory]
    [InlineData("school", "text/csv", "Berichttype,Berichtnummer\nZAT,1\n", "/")]
    [InlineData("bjz", "application/xml", "<Overdracht xmlns=\"urn:integrationhub:bjz:1.0\"><BerichtId>", "/")]
    [InlineData("veiligheidshuis", "application/json", "{\"type\": \"zorgmelding\", ", "/")]
    public async Task A_malformed_message_is_400_with_the_adapters_path(string adapter, string contentType, string body, string path)
    {
        var response = await _hub.PostAdapterAsync(adapter, Encoding.UTF8.GetBytes(body), contentType);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.ReadJsonAsync())["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).Should().Contain(path);
        (await RejectsAsync()).Should().ContainSingle().Which.Original.Should().Equal(Encoding.UTF8.GetBytes(body));
    }

    [Theory]
    [InlineData("school", "text/csv", "/rows/1/BSN")]
    [InlineData("bjz", "application/xml", "/Overdracht/Jeugdige/BSN")]
    [InlineData("veiligheidshuis", "application/json", "/jeugdige/bsn")]
    public async Task An_invalid_bsn_is_422_in_the_agencys_terms_and_kept_with_the_original_bytes(string adapter, string contentType, string path)
    {
        var body = AgencySamples.WithBadBsn(Sample(adapter), Bsn(adapter));
        var before = await HandoverCountAsync();

        var response = await _hub.PostAdapterAsync(adapter, body, contentType);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var errors = (await response.ReadJsonAsync())["errors"]!.AsArray();
        errors.Select(e => e!["path"]!.GetValue<string>()).Should().Contain(path, errors.ToJsonString());
        var reject = (await RejectsAsync()).Should().ContainSingle().Subject;
        reject.Channel.Should().Be("adapter:" + adapter);
        reject.Original.Should().Equal(body);
        (await HandoverCountAsync()).Should().Be(before, "nothing refused may reach the saga (only its retour is queued, for the sender)");
    }

    async Task<long> HandoverCountAsync()
    {
        await using var connection = await _hub.Get<HubDatabase>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM handovers");
    }

    [Fact]
    public async Task A_50_MB_body_is_413_naming_the_limit_and_never_parsed()
    {
        var response = await _hub.PostAdapterAsync("school", new byte[50 * 1024 * 1024], "text/csv");

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.ReadJsonAsync())["detail"]!.GetValue<string>().Should().Contain("4194304");
    }

    [Fact]
    public async Task A_50_MB_body_without_a_length_is_cut_off_at_the_limit()
    {
        // Chunked: the hub cannot see the size up front and must stop reading at the limit.
        var content = new StreamContent(new MemoryStream(new byte[50 * 1024 * 1024]));
        content.Headers.ContentType = new("application/xml");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/adapters/bjz/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _hub.As("bjz-noord-brabant").SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.ReadJsonAsync())["detail"]!.GetValue<string>().Should().Contain("4194304");
    }

    [Fact]
    public async Task An_unknown_adapter_is_404() =>
        (await _hub.PostAdapterAsync("fax", "x"u8.ToArray(), "text/plain")).StatusCode.Should().Be(HttpStatusCode.NotFound);

    [Fact]
    public async Task Bjz_feedback_on_an_unknown_handover_is_404_and_on_record()
    {
        var response = await _hub.PostAdapterAsync("bjz", AgencySamples.BjzFeedback("terugkoppeling-ontvangst.xml", Guid.NewGuid()), "application/xml");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await RejectsAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task Bjz_feedback_from_xml_moves_the_handover_and_a_second_one_out_of_order_is_409()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        await _hub.WaitForStateAsync(id, "delivered");

        var receipt = await _hub.PostAdapterAsync("bjz", AgencySamples.BjzFeedback("terugkoppeling-ontvangst.xml", id), "application/xml");
        receipt.StatusCode.Should().Be(HttpStatusCode.Accepted, await receipt.Content.ReadAsStringAsync());
        (await receipt.ReadJsonAsync())["messages"]![0]!["kind"]!.GetValue<string>().Should().Be("feedback");
        await _hub.WaitForStateAsync(id, "receipt-confirmed");

        (await _hub.FeedbackAsync(id, Messages.Feedback("withdrawal", "school-de-regenboog", reason: "moved"))).EnsureSuccessStatusCode();
        await _hub.WaitForStateAsync(id, "withdrawn");
        var late = await _hub.PostAdapterAsync("bjz", AgencySamples.BjzFeedback("terugkoppeling-start-zorg.xml", id), "application/xml");
        late.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    sealed record RejectRow(string Channel, byte[] Original);

    async Task<List<RejectRow>> RejectsAsync()
    {
        await using var connection = await _hub.Get<HubDatabase>().OpenAsync();
        return (await connection.QueryAsync<RejectRow>("SELECT channel AS Channel, original AS Original FROM rejects ORDER BY id")).ToList();
    }
}
