using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Access;

/// <summary>
/// The hub's one authentication scheme for every caller: an API key (<c>Authorization: Bearer</c> or
/// <c>X-Api-Key</c>) and, where mutual TLS is on, a client certificate mapped to an agency. A key and a
/// certificate that name different callers are refused. Failures answer problem+json (401 with
/// <c>WWW-Authenticate: Bearer</c>; 403 naming what the call needs), never echoing the key.
/// </summary>
public sealed class HubCredentialHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessKeys keys, ClientCertificates certificates)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "HubCredential";
    public const string ApiKeyHeader = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        var byKey = presented is null ? null : keys.Identify(presented);
        if (presented is not null && byKey is null)
            return AuthenticateResult.Fail("the key given is not configured for this hub");

        string? certificateAgency = null;
        if (certificates.Enabled && await Context.Connection.GetClientCertificateAsync(Context.RequestAborted).ConfigureAwait(false) is { } certificate)
            certificateAgency = certificates.AgencyOf(certificate);

        if (certificateAgency is not null && byKey is not null && byKey.AgencyId != certificateAgency)
            return AuthenticateResult.Fail("the client certificate and the key name different callers; present one caller's credentials");
        if (byKey is { IsAgency: true } && certificates.RequiredForAgencies && certificateAgency is null)
            return AuthenticateResult.Fail("this hub requires agency systems to present their client certificate");

        var caller = byKey ?? (certificateAgency is { } agency ? Caller.ForAgency(agency) : null);
        if (caller is null)
            return AuthenticateResult.NoResult();
        var proof = certificateAgency is null ? "key" : byKey is null ? "certificate" : "key+certificate";
        return AuthenticateResult.Success(new AuthenticationTicket(Caller.Principal(caller, proof, SchemeName), SchemeName));
    }

    internal static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.Authorization is { Count: > 0 } authorization)
        {
            var value = authorization.ToString();
            if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && value[7..].Trim() is { Length: > 0 } bearer)
                return bearer;
        }
        return request.Headers.TryGetValue(ApiKeyHeader, out var key) && key.ToString().Trim() is { Length: > 0 } apiKey ? apiKey : null;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false)).Failure;
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized,
            failure is null ? "No credential" : "Credential refused",
            failure?.Message ?? $"this call needs a credential: 'Authorization: Bearer <key>' or '{ApiKeyHeader}: <key>' (API.md, Identity)").ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var caller = Caller.From(Context.User);
        var needs = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p is not null);
        var who = caller.AgencyId is { } agency ? $"agency system '{agency}'" : $"an {caller.Role}";
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Not allowed",
            $"the credential belongs to {who}; this call is for {AccessPolicies.Describe(needs)}");
    }

    Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Results.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(Context);
    }
}
