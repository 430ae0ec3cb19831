using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Contracts.Signals;
using IntegrationHub.Hub.Coordination;
using IntegrationHub.Hub.Language;
using IntegrationHub.Hub.Operator.Dashboard;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Operator;

/// <summary>
/// Dutch first on the dashboard's pages (the overview and the chain around the child): both catalogs hold every word the
/// pages and their scripts name, the chain page answers Dutch unless English is chosen, and the record's own words
/// ("level 1 (receipt)", "team-lead at ...") are read in the person's language with times in Amsterdam.
/// </summary>
public partial class DashboardLanguageTests
{
    static readonly TextCatalog Catalog = TextCatalog.Instance;

    [Fact]
    public void Both_catalogs_hold_the_same_keys_and_no_empty_text()
    {
        var dutch = Catalog.Keys(TextCatalog.Dutch).ToHashSet();
        var english = Catalog.Keys(TextCatalog.English).ToHashSet();
        dutch.Except(english).Should().BeEmpty("every Dutch text has its English second");
        english.Except(dutch).Should().BeEmpty("English is the second language, never the only one");
        foreach (var language in TextCatalog.Languages)
            Catalog.Keys(language).Where(k => string.IsNullOrWhiteSpace(Catalog.Get(k, language))).Should().BeEmpty($"no {language} text is empty");
        // The same arguments in both: a {2} only one language fills would print a bare placeholder or lose a value.
        foreach (var key in dutch)
            Arguments(Catalog.Get(key, TextCatalog.English)).Should().BeEquivalentTo(Arguments(Catalog.Get(key, TextCatalog.Dutch)), key);
    }

    [Theory]
    [InlineData(DashboardPage.Overview)]
    [InlineData(DashboardPage.Chain)]
    public void Every_word_a_page_template_names_is_in_both_catalogs(string page)
    {
        var keys = DashboardPage.TemplateKeys(page);
        keys.Should().NotBeEmpty();
        foreach (var language in TextCatalog.Languages)
            keys.Where(k => !Catalog.Keys(language).Contains(k)).Should().BeEmpty($"{page} is rendered in {language}");
        foreach (var language in TextCatalog.Languages)
            DashboardPage.Render(language, page).Should().NotContain("{{", $"{page} in {language} has no unfilled placeholder");
    }

    [Theory]
    [InlineData("common.js")]
    [InlineData("dashboard.js")]
    [InlineData("chain.js")]
    public void Every_word_a_script_names_is_in_both_catalogs_and_in_the_page(string script)
    {
        var source = RepoFiles.Read("src", "Hub", "Operator", "Dashboard", "wwwroot", script);
        var keys = ScriptKey().Matches(source).Select(m => m.Groups[1].Value).Where(k => !k.EndsWith('.')).ToHashSet();
        keys.Should().NotBeEmpty();
        foreach (var language in TextCatalog.Languages)
        {
            keys.Where(k => !Catalog.Keys(language).Contains(k)).Should().BeEmpty($"{script} reads them in {language}");
            keys.Where(k => !Catalog.WithPrefix(language, DashboardPage.ScriptPrefixes).ContainsKey(k)).Should().BeEmpty("the page hands the script its words");
        }
    }

    [Fact]
    public void The_chain_words_cover_every_purpose_signal_match_and_late_plan_kind()
    {
        var expected = FamilyEndpoints.Purposes.Select(p => "chain.purpose." + p)
            .Concat(SignalKinds.All.Select(k => "chain.signal." + k))
            .Concat(new[] { MatchKinds.Child, MatchKinds.Family }.Select(k => "chain.match." + k))
            .Concat(new[] { "chain.late.plan", "chain.late.plan-review", "chain.link.possible-duplicate" })
            .Concat(new[] { "team-lead", "manager", "process-manager", "alderman" }.Select(r => "role." + r))
            .Concat(HistoryWords.Rules.Select(r => r.Key));
        foreach (var language in TextCatalog.Languages)
            expected.Where(k => !Catalog.Keys(language).Contains(k)).Should().BeEmpty(language);
        Catalog.Get("chain.signal.case-meeting", TextCatalog.Dutch).Should().Be("casusoverleg");
        Catalog.Get("chain.col.coordinator", TextCatalog.Dutch).Should().Be("Regievoerder");
    }

    /// <summary>What the record says, and what a Dutch and an English reader see (shared with the browser test, which runs the page's copy of the rules).</summary>
    public static readonly TheoryData<string, string, string, string> Details = new()
    {
        { "escalation-raised", "level 1 (receipt)", "niveau 1 (ontvangstbevestiging)", "level 1 (receipt confirmation)" },
        { "escalation-raised", "level 2 on request (no capacity)", "niveau 2 op verzoek (no capacity)", "level 2 on request (no capacity)" },
        { "deadline-missed", "receipt was due 2027-03-03 08:00 (UTC+00:00)", "ontvangstbevestiging, uiterlijk 03-03-2027 09:00", "receipt confirmation was due 03-03-2027 09:00" },
        { "deadline-missed", "receipt was due 2027-07-01 07:00 (UTC+00:00)", "ontvangstbevestiging, uiterlijk 01-07-2027 09:00", "receipt confirmation was due 01-07-2027 09:00" },
        { "delivered", "to bjz-noord-brabant", "aan bjz-noord-brabant", "to bjz-noord-brabant" },
        { "decision", "by gemeente-tilburg, binding bjz-noord-brabant by 12-03-2027, cjg-tilburg by 15-03-2027",
          "besloten door gemeente-tilburg, bindend voor bjz-noord-brabant uiterlijk 12-03-2027, cjg-tilburg uiterlijk 15-03-2027",
          "by gemeente-tilburg, binding bjz-noord-brabant by 12-03-2027, cjg-tilburg by 15-03-2027" },
        { "compliance-overdue", "decision by gemeente-tilburg", "besluit van gemeente-tilburg", "decision by gemeente-tilburg" },
        { "receipt-confirmed", "to be seen by the team", "to be seen by the team", "to be seen by the team" },
    };

    [Theory]
    [MemberData(nameof(Details))]
    public void The_records_words_read_in_the_persons_language(string @event, string detail, string dutch, string english)
    {
        HistoryWords.Detail(@event, detail, TextCatalog.Dutch).Should().Be(dutch);
        HistoryWords.Detail(@event, detail, TextCatalog.English).Should().Be(english);
    }

    [Fact]
    public void Addressees_read_as_role_bij_agency()
    {
        HistoryWords.Addressee("team-lead at bjz-noord-brabant", TextCatalog.Dutch).Should().Be("teamleider bij bjz-noord-brabant");
        HistoryWords.Addressee("process-manager at gemeente-tilburg (H. Claassen, pm@example)", TextCatalog.Dutch)
            .Should().Be("procesmanager bij gemeente-tilburg (H. Claassen, pm@example)");
        HistoryWords.Addressee("team-lead at bjz-noord-brabant", TextCatalog.English).Should().Be("team lead at bjz-noord-brabant");
        HistoryWords.Addressee("something else", TextCatalog.Dutch).Should().Be("something else");
    }

    [Fact]
    public async Task The_chain_page_is_Dutch_by_default_and_English_when_chosen_or_asked_by_the_browser()
    {
        await using var hub = await OperatorHub.StartAsync();

        var dutch = await PageAsync(hub, "/dashboard/chain.html", null);
        dutch.Should().Contain("<html lang=\"nl\">").And.Contain("Gezinnen zonder regievoerder").And.Contain("Gezinsoverzicht")
            .And.Contain("casusoverleg").And.Contain("Keten rond het kind (ketenbureau)").And.Contain("src=\"/dashboard/common.js\"")
            .And.NotContain("Families without a coordinator").And.NotContain("{{");
        Texts(dutch)["chain.col.coordinator"].Should().Be("Regievoerder");

        // Both pages link each other, the current one marked for screen readers.
        (await PageAsync(hub, "/dashboard/", null)).Should().Contain("href=\"/dashboard/chain.html\"").And.Contain("aria-current=\"page\">Overdrachten");
        dutch.Should().Contain("href=\"/dashboard/\">Overdrachten</a>").And.Contain("aria-current=\"page\">Keten rond het kind");
        (await PageAsync(hub, "/dashboard/chain.html", "en-GB,en;q=0.9")).Should().Contain("<html lang=\"en\">").And.Contain("Plans late");
        (await PageAsync(hub, "/dashboard/chain.html", "de-DE")).Should().Contain("<html lang=\"nl\">", "Dutch unless the browser names English");
        // Last: ?lang= is remembered in a cookie, which the test client keeps.
        var chosen = await PageAsync(hub, "/dashboard/chain.html?lang=en", "nl-NL");
        chosen.Should().Contain("<html lang=\"en\">").And.Contain("Families without a coordinator").And.NotContain("Gezinnen zonder regievoerder");
        Texts(chosen)["chain.col.coordinator"].Should().Be("Coordinator");
        // The shared script is served, no copy of its helpers is left in the page scripts.
        var common = await hub.Http.GetStringAsync("/dashboard/common.js");
        common.Should().Contain("function when(");
        foreach (var script in new[] { "dashboard.js", "chain.js" })
            (await hub.Http.GetStringAsync("/dashboard/" + script)).Should().NotContain("function el(").And.NotContain("function when(")
                .And.NotContain("Intl.DateTimeFormat").And.NotContain("function api(");
    }

    static async Task<string> PageAsync(TestHub hub, string path, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        using var response = await hub.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        return await response.Content.ReadAsStringAsync();
    }

    static Dictionary<string, string> Texts(string page)
    {
        var json = TextsBlock().Match(page).Groups[1].Value;
        return JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;
    }

    static IEnumerable<string> Arguments(string text) => Placeholder().Matches(text).Select(m => m.Value).Distinct().Order();

    [GeneratedRegex(@"""((?:page|js|chain|state|deadline|level|event|role|detail)\.[A-Za-z0-9.\-]+)""")]
    private static partial Regex ScriptKey();

    [GeneratedRegex(@"<script type=""application/json"" id=""texts"">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex TextsBlock();

    [GeneratedRegex(@"\{\d\}")]
    private static partial Regex Placeholder();
}
