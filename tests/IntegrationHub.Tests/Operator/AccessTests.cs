using System.Net;
using IntegrationHub.Hub.Access;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Operator;

/// <summary>Only operator keys open /api/operator; the public handover calls stay open to agencies.</summary>
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
    }

    [Fact]
    public async Task The_key_may_come_as_X_Api_Key()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/operator/handovers");
        request.Headers.Add("X-Api-Key", OperatorHub.OperatorKey);
        (await _hub.Http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_agency_key_is_told_whose_it_is()
    {
        var response = await _hub.Http.SendAsync(OperatorHub.Get("/api/operator/rejects", OperatorHub.AgencyKey));
        (await response.Content.ReadAsStringAsync()).Should().Contain("bjz-noord-brabant");
    }

    [Fact]
    public async Task Public_calls_need_no_key()
    {
        (await _hub.Http.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        var id = await _hub.Http.SubmitAsync(Messages.Handover());
        (await _hub.Http.GetAsync($"/api/handovers/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public void Key_comparison_is_exact()
    {
        AccessKeys.FixedTimeEquals("operator-demo-key", "operator-demo-key").Should().BeTrue();
        AccessKeys.FixedTimeEquals("operator-demo-key", "operator-demo-ke").Should().BeFalse();
        AccessKeys.FixedTimeEquals("operator-demo-key", "OPERATOR-DEMO-KEY").Should().BeFalse();
    }
}
