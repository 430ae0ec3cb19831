using System.Security.Claims;

namespace IntegrationHub.Hub.Access;

/// <summary>The claims the hub's credential scheme puts on a caller: one role, and for agency systems the agency.</summary>
public static class HubClaims
{
    public const string Role = "hub:role";
    public const string Agency = "hub:agency";
    /// <summary>Who acted, for the record: the agency id, or an operator's or auditor's configured name.</summary>
    public const string Actor = "hub:actor";
    /// <summary>How the caller proved itself: key, certificate, or key+certificate.</summary>
    public const string Proof = "hub:proof";
}

/// <summary>The kinds of caller: API.md's three "who", and monitors, which only scrape metrics.</summary>
public static class HubRoles
{
    /// <summary>An agency's own system (ketenpartner): acts only as itself.</summary>
    public const string Agency = "agency";
    /// <summary>The municipality's chain office (ketenbureau).</summary>
    public const string Operator = "operator";
    public const string Auditor = "auditor";
    /// <summary>A monitoring system (Prometheus): reads the metrics endpoint and nothing else.</summary>
    public const string Monitor = "monitor";
}

/// <summary>The authenticated caller of one request, read from its claims.</summary>
public sealed record Caller(string Role, string? AgencyId, string Actor)
{
    public bool IsAgency => Role == HubRoles.Agency;
    public bool IsOperator => Role == HubRoles.Operator;
    public bool IsAuditor => Role == HubRoles.Auditor;

    /// <summary>An agency acting as itself, e.g. on its own inbound queue (the queue is its credential).</summary>
    public static Caller ForAgency(string agencyId) => new(HubRoles.Agency, agencyId, agencyId);

    public static Caller From(ClaimsPrincipal user) =>
        new(user.FindFirstValue(HubClaims.Role) ?? throw new InvalidOperationException("the request was not authenticated by the hub's scheme"),
            user.FindFirstValue(HubClaims.Agency),
            user.FindFirstValue(HubClaims.Actor) ?? "unknown");

    public static ClaimsPrincipal Principal(Caller caller, string proof, string scheme)
    {
        var claims = new List<Claim> { new(HubClaims.Role, caller.Role), new(HubClaims.Actor, caller.Actor), new(HubClaims.Proof, proof) };
        if (caller.AgencyId is { } agency)
            claims.Add(new Claim(HubClaims.Agency, agency));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, HubClaims.Actor, HubClaims.Role));
    }
}

public static class CallerExtensions
{
    public static Caller Caller(this HttpContext http) => Access.Caller.From(http.User);
}
