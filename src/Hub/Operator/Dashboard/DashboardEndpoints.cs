using System.Reflection;
using IntegrationHub.Contracts.Agencies;

namespace IntegrationHub.Hub.Operator.Dashboard;

/// <summary>
/// Serves the operator dashboard from resources embedded in this assembly: no front-end build, no
/// files to deploy. The page itself is public; every figure on it comes from /api/operator with the operator's key.
/// </summary>
public static class DashboardEndpoints
{
    const string ResourcePrefix = "IntegrationHub.Hub.Operator.Dashboard.";

    static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        // Routing treats /dashboard and /dashboard/ alike; the page's relative links need the slash, so add it.
        app.MapGet("/dashboard/{file?}", (string? file, HttpContext http) =>
            file is DashboardPage.Overview || (file is null && http.Request.Path.Value!.EndsWith('/')) ? DashboardPage.Serve(http)
            // The chain office's page is templated like the overview: in the request's language, with the same words and header.
            : file is DashboardPage.Chain ? DashboardPage.Serve(http, DashboardPage.Chain)
            : file is not null ? Serve(http, file)
            : Results.Redirect("/dashboard/" + http.Request.QueryString)).ExcludeFromDescription()
            // The page and its script hold no data; every figure comes from /api/operator with the operator's key.
            .AllowAnonymous();
        // One handover's page: the stable address a notice or an e-mail links to (docs/operators.md).
        app.MapGet(HandoverPath + "{id:guid}", (Guid id, HttpContext http) => DashboardPage.Serve(http)).ExcludeFromDescription().AllowAnonymous();
        // The agencies the filter offers: ids and names from the directory, for operators.
        app.MapGet("/api/operator/agencies", (AgencyDirectory directory) =>
                Results.Ok(directory.Agencies.Select(a => new AgencyChoice(a.Id, a.Name, a.Kind)).OrderBy(a => a.Name, StringComparer.Ordinal)))
            .WithTags("Operator").WithName("ListAgencies").RequireAuthorization(Access.AccessPolicies.Operator);
        return app;
    }

    /// <summary>The path of one handover's page, followed by its id: <c>/dashboard/handovers/{handoverId}</c>.</summary>
    public const string HandoverPath = "/dashboard/handovers/";

    /// <summary>The link to a handover's page on a hub reachable at <paramref name="hubBaseUrl"/> (for notices and e-mail).</summary>
    public static Uri HandoverLink(Uri hubBaseUrl, Guid handoverId) => new(hubBaseUrl, HandoverPath + handoverId.ToString("D"));

    /// <summary>The chain office's page (chain.html): what needs acting on around families, and one family at a time.</summary>
    public const string ChainPath = "/dashboard/chain.html";

    /// <summary>
    /// The chain page with a family's id filled in (<c>?family=</c>): the address a family's notice or e-mail links to. The
    /// family is shown only once the reader gives a purpose, as every look at a family is logged with one.
    /// </summary>
    public static string FamilyPath(Guid familyId) => $"{ChainPath}?family={familyId:D}";

    public sealed record AgencyChoice(string Id, string Name, string Kind);

    static IResult Serve(HttpContext http, string file)
    {
        // Only names of embedded resources are served; nothing is read from disk, so no path can escape.
        var extension = Path.GetExtension(file);
        var stream = ContentTypes.TryGetValue(extension, out var contentType)
            ? Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + file)
            : null;
        if (stream is null)
            return Results.NotFound();
        SecurityHeaders(http);
        return Results.Stream(stream, contentType);
    }

    internal static void SecurityHeaders(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
    }
}
