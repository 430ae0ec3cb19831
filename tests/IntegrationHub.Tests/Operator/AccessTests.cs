using System.Net;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Operator;

/// <summary>Only operator keys open /api/operator; the key may come as a bearer token or as X-Api-Key.</summary>
public class AccessTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await OperatorHub.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("not-a-configured-key", HttpStatusCode.Unauthorized)]
    [InlineData(OperatorHub.AgencyKey, HttpStatusCode.Forbidden)]
    [InlineData(OperatorHub.AuditorKey, HttpStatusCode.Forbidden)]
    [InlineData(OperatorHub.OperatorKey, HttpStatusCode.OK)]
    public async Task Operator_api_answers_by_key(string? key, HttpStatusCode expected)
    {
        var response = await _hub.Http.SendAsync(OperatorHub.Get("/api/operator/counts", key));

        response.StatusCode.Should().Be(expected);
        if (expected != HttpStatusCode.OK)
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        if (expected == HttpStatusCode.Unauthorized)
            response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
    }

    [Fact]
    public async Task The_key_may_come_as_X_Api_Key()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/operator/handovers");
        request.Headers.Add("X-Api-Key", OperatorHub.OperatorKey);
        (await _hub.Http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_agency_key_is_told_whose_it_is_but_never_echoed()
    {
        var response = await _hub.Http.SendAsync(OperatorHub.Get("/api/operator/rejects", OperatorHub.AgencyKey));
        var body = await response.Content.ReadAsStringAsync();
        body.Should().Contain("bjz-noord-brabant").And.NotContain(OperatorHub.AgencyKey);
    }

    [Fact]
    public async Task Health_alone_needs_no_key() =>
        (await _hub.Http.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
}
