using IntegrationHub.Tests.Support;
using Microsoft.Playwright;

namespace IntegrationHub.Tests.Operator;

/// <summary>
/// The dashboard in a real headless Chromium (Debian's), driven by Playwright against a running hub
/// holding overdue and escalated handovers and one rejected message. Saves TestResults/dashboard.png.
/// </summary>
public class DashboardBrowserTests(SeededHub seeded) : IClassFixture<SeededHub>
{
    [Fact]
    public async Task Operator_signs_in_sees_the_overdue_list_and_opens_a_timeline()
    {
        var chromium = Chromium.Path();
        var bad = Messages.Handover();
        bad["subject"]!["bsn"] = "123456789";
        await seeded.Hub.PostHandoverAsync(bad);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = Chromium.Args,
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync(new Uri(seeded.Hub.Http.BaseAddress!, "/dashboard").ToString());

        await page.FillAsync("#key", OperatorHub.OperatorKey);
        await page.ClickAsync("#signin-form button[type=submit]");
        await page.WaitForSelectorAsync("body[data-loaded=true]");

        var overdueRows = page.Locator("#overdue tbody tr");
        (await overdueRows.CountAsync()).Should().Be(2);
        (await page.Locator("#overdue").InnerTextAsync()).Should().Contain("jgz-tilburg").And.Contain("cjg-tilburg").And.Contain("bjz-noord-brabant");
        (await page.Locator("#escalations tbody tr").CountAsync()).Should().Be(2);
        (await page.Locator("#rejects").InnerTextAsync()).Should().Contain("/subject/bsn");
        // The list carries no originals: opening one fetches it from /rejects/{id}.
        await page.Locator("#rejects details summary").First.ClickAsync();
        await page.Locator("#rejects details pre").First.Filter(new LocatorFilterOptions { HasText = "schemaVersion" }).WaitForAsync();
        (await page.Locator("#counts").InnerTextAsync()).Should().Contain("Overdue");

        await page.Locator($"#overdue tr[data-handover='{seeded.OverdueAtBjz}']").ClickAsync();
        var timeline = page.Locator("#timeline");
        await timeline.Locator("ol.timeline li").First.WaitForAsync();
        var text = await timeline.InnerTextAsync();
        text.Should().Contain(seeded.OverdueAtBjz.ToString()).And.Contain("submitted").And.Contain("missed").And.Contain("team-lead at bjz-noord-brabant");
        (await page.EvaluateAsync<string?>("sessionStorage.getItem('integrationhub.operatorKey')")).Should().Be(OperatorHub.OperatorKey);

        var screenshot = RepoFiles.Path("TestResults", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        new FileInfo(screenshot).Length.Should().BeGreaterThan(10_000);
    }

    [Fact]
    public async Task A_wrong_key_brings_back_the_sign_in_form_with_the_reason()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Path(), Headless = true, Args = Chromium.Args,
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(seeded.Hub.Http.BaseAddress!, "/dashboard/").ToString());

        await page.FillAsync("#key", OperatorHub.AgencyKey);
        await page.ClickAsync("#signin-form button[type=submit]");

        await page.Locator("#signin-error").Filter(new LocatorFilterOptions { HasText = "bjz-noord-brabant" }).WaitForAsync();
        (await page.Locator("#dashboard").IsHiddenAsync()).Should().BeTrue();
    }
}

/// <summary>Debian's Chromium, which the browser tests must use: Playwright never downloads a browser here.</summary>
static class Chromium
{
    public static readonly string[] Args =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    /// <summary>Fails (never skips) when Chromium is missing, saying how to install it.</summary>
    public static string Path()
    {
        var path = Environment.GetEnvironmentVariable("HUB_TEST_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(path))
            Assert.Fail($"Chromium is needed for the dashboard browser test but {path} does not exist: run `apt-get install -y chromium` (or set HUB_TEST_CHROMIUM to a Chromium binary).");
        return path;
    }
}
