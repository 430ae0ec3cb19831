using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using IntegrationHub.Hub.Language;

namespace IntegrationHub.Hub.Operator.Dashboard;

/// <summary>
/// The dashboard's page in the request's language (Dutch unless asked otherwise): the template's <c>{{key}}</c>
/// are filled from the catalog, HTML-encoded, and the script's words travel in the page as a JSON data block
/// (no second request, nothing executable: the CSP stays 'self'). <c>?lang=</c> is remembered in a cookie.
/// </summary>
static partial class DashboardPage
{
    static readonly Lazy<string> Template = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("IntegrationHub.Hub.Operator.Dashboard.index.html")
            ?? throw new InvalidOperationException("the dashboard page is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Render(string language)
    {
        var catalog = TextCatalog.Instance;
        var texts = JsonSerializer.Serialize(catalog.WithPrefix(language, "page.", "js.", "state.", "deadline.", "level.", "event."));
        return Placeholder().Replace(Template.Value, m => m.Groups[1].Value switch
        {
            "lang" => language,
            "texts" => texts,
            var key => WebUtility.HtmlEncode(catalog.Get(key, language)),
        });
    }

    public static IResult Serve(HttpContext http)
    {
        if (TextCatalog.Supported(http.Request.Query[HubLanguage.Query].ToString()) is { } chosen)
            http.Response.Cookies.Append(HubLanguage.Cookie, chosen, new CookieOptions
            {
                Path = "/", MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps,
            });
        DashboardEndpoints.SecurityHeaders(http);
        http.Response.Headers.ContentLanguage = TextCatalog.Current;
        http.Response.Headers.Vary = "Accept-Language, Cookie";
        return Results.Content(Render(TextCatalog.Current), "text/html; charset=utf-8");
    }

    [GeneratedRegex(@"\{\{([a-zA-Z.]+)\}\}")]
    private static partial Regex Placeholder();
}
