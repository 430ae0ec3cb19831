using IntegrationHub.Tests.Support;
using Microsoft.Playwright;

namespace IntegrationHub.Tests.Operator;

/// <summary>
/// The dashboard in a real headless Chromium (Debian's), driven by Playwright against a running hub
/// holding overdue and escalated handovers and one rejected message: the Dutch page, a keyboard path, the filter
/// in the address, a handover's own page, and English on request. Saves screenshots under .tmp/evidence.
/// </summary>
[Collection(IntegrationHub.Tests.Support.BrowserCollection.Name)]
public class DashboardBrowserTests(SeededHub seeded) : IClassFixture<SeededHub>
{
    [Fact]
    public async Task A_coordinator_works_the_Dutch_dashboard_by_keyboard_filters_in_the_address_and_opens_a_handover_page()
    {
        var bad = Messages.Handover();
        bad["subject"]!["bsn"] = "123456789";
        await seeded.Hub.PostHandoverAsync(bad);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        // A Dutch browser: the page answers in Dutch (it would without Accept-Language too: Dutch is the default).
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "nl-NL", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var home = new Uri(seeded.Hub.Http.BaseAddress!, "/dashboard/").ToString();
        await page.GotoAsync(home);

        (await page.GetAttributeAsync("html", "lang")).Should().Be("nl");
        // Sign in by keyboard: the key field has the focus.
        await page.Keyboard.TypeAsync(OperatorHub.OperatorKey);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("body[data-loaded=true]");

        (await page.Locator("#counts-title").InnerTextAsync()).Should().Be("Overdrachten per status");
        (await page.Locator("#counts").InnerTextAsync()).Should().Contain("Termijn verstreken").And.Contain("afgeleverd, wacht op ontvangstbevestiging")
            .And.Contain("start zorg").And.Contain("Opgeschaald");
        (await page.Locator("#overdue tbody tr").CountAsync()).Should().Be(2);
        (await page.Locator("#escalations").InnerTextAsync()).Should().Contain("1 operationeel").And.Contain("ontvangstbevestiging");
        (await page.Locator("#rejects").InnerTextAsync()).Should().Contain("/subject/bsn").And.Contain("niet opnieuw verwerkt");
        await page.Locator("#rejects details summary").First.ClickAsync();
        await page.Locator("#rejects details pre").First.Filter(new LocatorFilterOptions { HasText = "schemaVersion" }).WaitForAsync();
        // Dates as a person reads them: dd-MM-yyyy HH:mm in Amsterdam (the seeded hub's Monday 1 March 2027, 09:00).
        (await page.Locator("#handovers").InnerTextAsync()).Should().MatchRegex(@"01-03-2027 09:\d\d");
        // Every table has a caption and column headers a screen reader can announce.
        (await page.Locator("#handovers table caption").InnerTextAsync()).Should().Be("Overdrachten");
        (await page.Locator("#handovers th[scope=col]").CountAsync()).Should().Be(7);
        (await page.Locator("label[for=filter-agency]").InnerTextAsync()).Should().Contain("Instantie");
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body[data-loaded=true]");

        // The keyboard path, on a freshly loaded page: Tab reaches the skip link first; Enter moves to the content; Tab goes to the agency filter.
        await page.Keyboard.PressAsync("Tab");
        (await Focused(page)).Should().Be("A:Naar de inhoud");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        (await Focused(page)).Should().StartWith("SELECT:filter-agency");
        await page.Keyboard.TypeAsync("Bureau");   // type-ahead chooses Bureau Jeugdzorg Noord-Brabant
        await page.Keyboard.PressAsync("Tab");     // the state filter: left at "Alle"
        await page.Keyboard.PressAsync("Tab");
        (await Focused(page)).Should().StartWith("INPUT:filter-overdue");
        await page.Keyboard.PressAsync("Space");   // only overdue
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");   // Filteren
        await page.WaitForURLAsync(u => u.Contains("agency=bjz-noord-brabant") && u.Contains("overdue=true"));
        // The address changes before the filtered list arrives, and the unfiltered list holds the same row: wait for what
        // the page says once the filtered list is shown, not for the row.
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent === '1 overdrachten gevonden'");
        await page.Locator($"#handovers tr[data-handover='{seeded.OverdueAtBjz}']").WaitForAsync();
        (await page.Locator("#handovers tbody tr").CountAsync()).Should().Be(1);

        // The filter is in the address: a reload shows the same list.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body[data-loaded=true]");
        (await page.InputValueAsync("#filter-agency")).Should().Be("bjz-noord-brabant");
        (await page.IsCheckedAsync("#filter-overdue")).Should().BeTrue();
        (await page.Locator("#handovers tbody tr").CountAsync()).Should().Be(1);
        await Screenshot(page, "dashboard-nl-overview.png");

        // Tab on to the handover's link; Enter opens its own page, the address a notice links to.
        for (var i = 0; i < 25 && !(await Focused(page)).StartsWith("A:" + seeded.OverdueAtBjz.ToString()[..8], StringComparison.Ordinal); i++)
            await page.Keyboard.PressAsync("Tab");
        (await Focused(page)).Should().StartWith("A:" + seeded.OverdueAtBjz.ToString()[..8]);
        // Enter on the link the focus reached, found again at the press: a list drawn once more between the focus check
        // and a bare key press (the page's own refresh, late under load) left the key with nothing to open.
        await page.Locator($"#handovers a.handover[href$='{seeded.OverdueAtBjz}']").PressAsync("Enter");
        await page.WaitForURLAsync($"**/dashboard/handovers/{seeded.OverdueAtBjz}");
        var timeline = page.Locator("#timeline");
        await timeline.Locator("ol.timeline li").First.WaitForAsync();
        var text = await timeline.InnerTextAsync();
        text.Should().Contain(seeded.OverdueAtBjz.ToString()).And.Contain("ingediend").And.Contain("termijn verstreken")
            .And.Contain("ontvangstbevestiging").And.Contain("teamleider bij bjz-noord-brabant").And.MatchRegex(@"\d\d-\d\d-2027 \d\d:\d\d");
        (await page.Locator("#overview").IsHiddenAsync()).Should().BeTrue();
        await Screenshot(page, "dashboard-nl-handover.png");

        // Back to the overview keeps the filter.
        await page.ClickAsync("#back");
        await page.WaitForURLAsync(u => u.Contains("agency=bjz-noord-brabant"));
    }

    [Fact]
    public async Task The_handover_page_opened_from_a_notice_in_a_new_tab_asks_for_the_key_then_shows_the_handover_and_English_is_one_link_away()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(seeded.Hub.Http.BaseAddress!, $"/dashboard/handovers/{seeded.OverdueAtCjg}").ToString());

        // An English browser gets English, with Dutch one link away.
        (await page.GetAttributeAsync("html", "lang")).Should().Be("en");
        (await page.Locator("#signin-title").InnerTextAsync()).Should().Be("Sign in with the operator key");
        (await page.Locator("#other-language").InnerTextAsync()).Should().Be("Nederlands");
        await page.FillAsync("#key", OperatorHub.OperatorKey);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#timeline ol.timeline li").First.WaitForAsync();
        (await page.Locator("#timeline").InnerTextAsync()).Should().Contain(seeded.OverdueAtCjg.ToString()).And.Contain("receipt confirmation");

        await page.ClickAsync("#other-language");
        await page.WaitForSelectorAsync("html[lang=nl]");
        await page.Locator("#timeline ol.timeline li").First.WaitForAsync();
        (await page.Locator("#timeline-title").InnerTextAsync()).Should().Be("Tijdlijn van de overdracht");
        page.Url.Should().EndWith($"/dashboard/handovers/{seeded.OverdueAtCjg}", "the language choice is remembered, not kept in the address");
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("html[lang=nl]");
    }

    [Fact]
    public async Task The_chain_page_is_part_of_the_Dutch_dashboard_one_keyboard_link_away_and_English_on_request()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "nl-NL", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(seeded.Hub.Http.BaseAddress!, "/dashboard/").ToString());
        await page.Keyboard.TypeAsync(OperatorHub.OperatorKey);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("body[data-loaded=true]");

        // From the dashboard's header to the chain page by keyboard; the key of this tab opens it without asking again.
        await page.FocusAsync("#chain-link");
        await page.Locator("#chain-link").PressAsync("Enter");   // the link found again at the press, as above
        await page.WaitForURLAsync("**/dashboard/chain.html");
        await page.WaitForSelectorAsync("body[data-loaded=true]");
        (await page.GetAttributeAsync("html", "lang")).Should().Be("nl");
        (await page.Locator("#without-title").InnerTextAsync()).Should().Be("Gezinnen zonder regievoerder");
        (await page.Locator("#plans-title").InnerTextAsync()).Should().Be("Plannen te laat");
        (await page.Locator("#actions-title").InnerTextAsync()).Should().Be("Verlopen afspraken per partij");
        (await page.Locator("#matches-title").InnerTextAsync()).Should().Be("Matches niet opgevolgd");
        (await page.Locator("#family-title").InnerTextAsync()).Should().Be("Gezinsoverzicht");
        // The seeded handovers made a family the region's table asked a coordinator for: a captioned table, Dutch columns, Amsterdam dates.
        (await page.Locator("#without table caption").InnerTextAsync()).Should().Be("Gezinnen zonder regievoerder");
        (await page.Locator("#without th[scope=col]").AllInnerTextsAsync()).Should().Equal("Gezin", "Regio", "Sinds", "Gevraagd", "Aanvaarden uiterlijk", "Regel over");
        (await page.Locator("#without tbody").InnerTextAsync()).Should().MatchRegex(@"\d\d-\d\d-2027 \d\d:\d\d");
        (await page.Locator("#followed").InnerTextAsync()).Should().MatchRegex(@"^\d+ van \d+ partijen in een match bevestigden contact\.$");
        (await page.Locator("label[for=purpose]").InnerTextAsync()).Should().Be("Doel");
        (await page.Locator("#refreshed").InnerTextAsync()).Should().MatchRegex(@"^Vernieuwd om \d\d-\d\d-\d{4} \d\d:\d\d$");
        (await page.Locator("nav.pages a[aria-current=page]").InnerTextAsync()).Should().StartWith("Keten rond het kind");
        (await page.Locator("#status").InnerTextAsync()).Should().Be("Keten geladen");

        // The page's copy of the record's rules reads as the hub's own (HistoryWords), in Dutch.
        foreach (var row in DashboardLanguageTests.Details)
            (await page.EvaluateAsync<string>("([e, d]) => historyDetail(e, d)", new[] { (string)row[0], (string)row[1] })).Should().Be((string)row[2]);

        // A family by keyboard: its link puts it in the form and moves to the purpose; the look is in Dutch and the form in the address.
        var familyLink = page.Locator("#without tbody a").First;
        (await familyLink.GetAttributeAsync("aria-label")).Should().StartWith("Gezin ").And.EndWith(" invullen in het gezinsoverzicht");
        await familyLink.FocusAsync();
        await familyLink.PressAsync("Enter");
        (await Focused(page)).Should().StartWith("SELECT:purpose");
        var familyId = await page.InputValueAsync("#family-id");
        familyId.Should().MatchRegex("^[0-9a-f-]{36}$");
        await page.SelectOptionAsync("#purpose", "audit");
        await page.Locator("#family-form button[type=submit]").PressAsync("Enter");
        await page.Locator("#family h3").First.WaitForAsync();
        (await page.Locator("#family h3").AllInnerTextsAsync()).Should().Equal("Regie (regievoerder)", "Overdrachten", "Signalen", "Matches", "Plan (gezinsplan)");
        (await page.Locator("#family").InnerTextAsync()).Should().Contain("bekend sinds").And.MatchRegex(@"\d\d-\d\d-2027 \d\d:\d\d");
        page.Url.Should().Contain("family=" + familyId).And.Contain("purpose=audit");
        await Screenshot(page, "dashboard-nl-chain.png");

        // A fresh load: the skip link comes first, as on the dashboard; the form is filled from the address, not opened.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body[data-loaded=true]");
        (await page.InputValueAsync("#family-id")).Should().Be(familyId);
        (await page.Locator("#family").InnerTextAsync()).Should().BeEmpty();
        await page.Keyboard.PressAsync("Tab");
        (await Focused(page)).Should().Be("A:Naar de inhoud");

        // English one link away; the address keeps the form, not the language.
        await page.ClickAsync("#other-language");
        await page.WaitForSelectorAsync("html[lang=en]");
        await page.WaitForSelectorAsync("body[data-loaded=true]");
        (await page.Locator("#without-title").InnerTextAsync()).Should().Be("Families without a coordinator");
        (await page.Locator("#other-language").InnerTextAsync()).Should().Be("Nederlands");
        page.Url.Should().Contain("family=").And.NotContain("lang=");
        foreach (var row in DashboardLanguageTests.Details)
            (await page.EvaluateAsync<string>("([e, d]) => historyDetail(e, d)", new[] { (string)row[0], (string)row[1] })).Should().Be((string)row[3]);

        // And back to the dashboard, still English (the choice is remembered).
        await page.ClickAsync("#dashboard-link");
        await page.WaitForURLAsync(u => u.EndsWith("/dashboard/", StringComparison.Ordinal));
        await page.WaitForSelectorAsync("body[data-loaded=true]");
        (await page.GetAttributeAsync("html", "lang")).Should().Be("en");
        await page.ClickAsync("#other-language");
        await page.WaitForSelectorAsync("html[lang=nl]");
    }

    static async Task<IBrowser> Launch(IPlaywright playwright) => await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Chromium.Path(), Headless = true, Args = Chromium.Args, Env = Chromium.Env,
    });

    /// <summary>What has the keyboard focus: tag, then the id or the text.</summary>
    static Task<string> Focused(IPage page) => page.EvaluateAsync<string>(
        "() => { const e = document.activeElement; return e.tagName + ':' + (e.id || e.textContent.trim()); }");

    /// <summary>Saved where test.sh prints evidence from (.tmp/evidence), and the path recorded there.</summary>
    static async Task Screenshot(IPage page, string name)
    {
        var directory = Environment.GetEnvironmentVariable("HUB_TEST_EVIDENCE_DIR") ?? RepoFiles.Path(".tmp", "evidence");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        new FileInfo(path).Length.Should().BeGreaterThan(10_000);
        File.WriteAllText(Path.Combine(directory, Path.GetFileNameWithoutExtension(name) + ".txt"), $"dashboard screenshot: {path}{Environment.NewLine}");
    }

    [Fact]
    public async Task A_wrong_key_brings_back_the_sign_in_form_with_the_reason()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Path(), Headless = true, Args = Chromium.Args, Env = Chromium.Env,
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

    /// <summary>
    /// The browser's environment: the test host's, without libfaketime (test.sh's HUB_TEST_DATE_SHIFT). The suite moves
    /// the hub's date, not Chromium's: under a preloaded fake clock its navigations never reached "load".
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> Env =>
        System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => new KeyValuePair<string, string>((string)e.Key, (string?)e.Value ?? ""))
            .Where(e => e.Key is not "LD_PRELOAD" && !e.Key.StartsWith("FAKETIME", StringComparison.Ordinal))
            .ToList();

    /// <summary>Fails (never skips) when Chromium is missing, saying how to install it.</summary>
    public static string Path()
    {
        var path = Environment.GetEnvironmentVariable("HUB_TEST_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(path))
            Assert.Fail($"Chromium is needed for the dashboard browser test but {path} does not exist: run `apt-get install -y chromium` (or set HUB_TEST_CHROMIUM to a Chromium binary).");
        return path;
    }
}
