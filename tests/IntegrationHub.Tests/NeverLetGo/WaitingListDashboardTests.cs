using IntegrationHub.Tests.Operator;
using IntegrationHub.Tests.Support;
using Microsoft.Playwright;

namespace IntegrationHub.Tests.NeverLetGo;

/// <summary>
/// The dashboard in headless Chromium (Debian's): the chain office sees each receiver's waiting list and who waits there,
/// and the link an e-mail gives (/dashboard/handovers/{id}, or the older /dashboard/#handover={id}) opens that handover's page.
/// </summary>
[Collection(IntegrationHub.Tests.Support.BrowserCollection.Name)]
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
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium.Path(), Headless = true, Args = Chromium.Args, Env = Chromium.Env });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "nl-NL", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        // The older form of the link (an e-mail sent before the handover had a page of its own) lands on that page.
        await page.GotoAsync(new Uri(_hub.Http.BaseAddress!, $"/dashboard/#handover={waiting}").ToString());
        await page.WaitForURLAsync($"**/dashboard/handovers/{waiting}");
        await page.FillAsync("#key", OperatorHub.OperatorKey);
        await page.ClickAsync("#signin-form button[type=submit]");
        await page.WaitForSelectorAsync("body[data-loaded=true]");
        await page.Locator("#timeline ol.timeline li").First.WaitForAsync();
        (await page.Locator("#timeline").InnerTextAsync()).Should().Contain(waiting.ToString()).And.Contain("aangenomen, wachtlijst");

        // The overview: the receiver's waiting list, and who waits there.
        await page.GotoAsync(new Uri(_hub.Http.BaseAddress!, "/dashboard/").ToString());
        await page.WaitForSelectorAsync("body[data-loaded=true]");
        var receiver = page.Locator("#waiting tr[data-receiver='bjz-noord-brabant']");
        (await receiver.InnerTextAsync()).Should().Contain("Bureau Jeugdzorg Noord-Brabant").And.Contain("1");
        await receiver.Locator("button").ClickAsync();
        await page.Locator($"#waiting-detail tr[data-handover='{waiting}']").WaitForAsync();
        (await page.Locator("#waiting-detail").InnerTextAsync()).Should().Contain("01-03-2027", "the expected start as dd-MM-yyyy").And.Contain("school-de-regenboog").And.Contain("Wachtend bij bjz-noord-brabant");
    }
}
