using System.Reflection;

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
            file is not null ? Serve(http, file)
            : http.Request.Path.Value!.EndsWith('/') ? Serve(http, "index.html")
            : Results.Redirect("/dashboard/")).ExcludeFromDescription()
            // The page and its script hold no data; every figure comes from /api/operator with the operator's key.
            .AllowAnonymous();
        return app;
    }

    static IResult Serve(HttpContext http, string file)
    {
        // Only names of embedded resources are served; nothing is read from disk, so no path can escape.
        var extension = Path.GetExtension(file);
        var stream = ContentTypes.TryGetValue(extension, out var contentType)
            ? Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + file)
            : null;
        if (stream is null)
            return Results.NotFound();
        var headers = http.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
        return Results.Stream(stream, contentType);
    }
}
