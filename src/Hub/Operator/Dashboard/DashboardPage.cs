using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using IntegrationHub.Hub.Language;

namespace IntegrationHub.Hub.Operator.Dashboard;

/// <summary>
/// The dashboard's pages in the request's language (Dutch unless asked otherwise): the overview and a handover
/// (index.html) and the chain around the child (chain.html). The template's <c>{{key}}</c> are filled from the catalog, HTML-encoded, and the script's words travel in the page as a JSON data block
/// (no second request, nothing executable: the CSP stays 'self'). <c>?lang=</c> is remembered in a cookie.
/// </summary>
static partial class DashboardPage
{
    /// <summary>The dashboard's overview and handover page.</summary>
    public const string Overview = "index.html";

    /// <summary>The chain office's page: the chain around the child (keten rond het kind).</summary>
    public const string Chain = "chain.html";

    public static readonly IReadOnlyList<string> Pages = [Overview, Chain];

    /// <summary>The catalog's sections the pages' scripts read (common.js, dashboard.js, chain.js).</summary>
    internal static readonly string[] ScriptPrefixes = ["page.", "js.", "state.", "deadline.", "level.", "event.", "role.", "chain.", "detail."];

    static readonly Dictionary<string, Lazy<string>> Templates = Pages.ToDictionary(p => p, p => new Lazy<string>(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("IntegrationHub.Hub.Operator.Dashboard." + p)
            ?? throw new InvalidOperationException($"the dashboard page {p} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }));

    /// <summary>The catalog keys a page's template names (<c>{{key}}</c>), for the tests that every one is in both languages.</summary>
    public static IReadOnlyCollection<string> TemplateKeys(string page) =>
        Placeholder().Matches(Templates[page].Value).Select(m => m.Groups[1].Value).Where(k => k is not "lang" and not "texts" and not "historyWords").ToHashSet();

    public static string Render(string language, string page = Overview)
    {
        var catalog = TextCatalog.Instance;
        var texts = JsonSerializer.Serialize(catalog.WithPrefix(language, ScriptPrefixes));
        var historyWords = JsonSerializer.Serialize(HistoryWords.ForScript);
        return Placeholder().Replace(Templates[page].Value, m => m.Groups[1].Value switch
        {
            "lang" => language,
            "texts" => texts,
            "historyWords" => historyWords,
            var key => WebUtility.HtmlEncode(catalog.Get(key, language)),
        });
    }

    public static IResult Serve(HttpContext http, string page = Overview)
    {
        if (TextCatalog.Supported(http.Request.Query[HubLanguage.Query].ToString()) is { } chosen)
            http.Response.Cookies.Append(HubLanguage.Cookie, chosen, new CookieOptions
            {
                Path = "/", MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps,
            });
        DashboardEndpoints.SecurityHeaders(http);
        http.Response.Headers.ContentLanguage = TextCatalog.Current;
        http.Response.Headers.Vary = "Accept-Language, Cookie";
        return Results.Content(Render(TextCatalog.Current, page), "text/html; charset=utf-8");
    }

    [GeneratedRegex(@"\{\{([a-zA-Z.\-]+)\}\}")]
    private static partial Regex Placeholder();
}
