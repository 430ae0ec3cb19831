using System.Diagnostics;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Hub.Telemetry;

/// <summary>
/// What an HTTP request may leave in a span or a log line: its method, its route template, its status, its timing.
/// Not its path (an id typed into a URL can be anything, a BSN too), not its query string (a filter's values), not
/// its body or headers.
/// </summary>
public static class RequestPrivacy
{
    /// <summary>The route template that matched, e.g. /api/handovers/{id:guid}, or "(no route)".</summary>
    public static string Route(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint route ? "/" + route.RoutePattern.RawText?.Trim('/') : "(no route)";

    public static void Scrub(Activity activity, HttpContext http)
    {
        var route = Route(http);
        activity.SetTag("url.path", route);
        activity.SetTag("url.query", null);
        activity.DisplayName = $"{http.Request.Method} {route}";
    }
}
