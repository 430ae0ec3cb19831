using IntegrationHub.Tests.Operator;
using IntegrationHub.Tests.Support;
using Microsoft.Playwright;

namespace IntegrationHub.Tests.NeverLetGo;

/// <summary>
/// The dashboard in headless Chromium (Debian's): the chain office sees each receiver's waiting list and who waits there,
/// and the link an e-mail gives (/dashboard/#handover=id) opens that handover's timeline.
/// </summary>
public class WaitingListDashboardTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(AgencySamples.Now));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task The_chain_office_sees_who_waits_at_which_receiver_and_an_emailed_link_opens_the_handover()
    {
        var waiting = await _hub.DeliveredAsync();
        await _hub.GivenAsync(waiting, "accepted-waiting", "bjz-noord-brabant", f => f["expectedStart"] = "2027-03-01");
        await _hub.SettleAsync();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium.Path(), Headless = true, Args = Chromium.Args });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync(new Uri(_hub.Http.BaseAddress!, $"/dashboard/#handover={waiting}").ToString());
        await page.FillAsync("#key", OperatorHub.OperatorKey);
        await page.ClickAsync("#signin-form button[type=submit]");
        await page.WaitForSelectorAsync("body[data-loaded=true]");

        // The link opened the handover's timeline.
        await page.Locator("#timeline ol.timeline li").First.WaitForAsync();
        (await page.Locator("#timeline").InnerTextAsync()).Should().Contain(waiting.ToString()).And.Contain("accepted waiting");

        var receiver = page.Locator("#waiting tr[data-receiver='bjz-noord-brabant']");
        (await receiver.InnerTextAsync()).Should().Contain("Bureau Jeugdzorg Noord-Brabant").And.Contain("1");
        await receiver.ClickAsync();
        await page.Locator($"#waiting-detail tr[data-handover='{waiting}']").WaitForAsync();
        (await page.Locator("#waiting-detail").InnerTextAsync()).Should().Contain("2027-03-01").And.Contain("school-de-regenboog");
    }
}
