using System.Buffers.Text;
using System.Security.Cryptography;

namespace IntegrationHub.Hub.Delivery.Provisioning;

/// <summary>What <c>broker provision</c> is asked to do.</summary>
/// <param name="HubPassword">The hub user's password from configuration; null: keep the user's password, or issue one for a new user.</param>
/// <param name="Rotate">Users (agency ids, or the hub user) that get a new password in this run.</param>
public sealed record ProvisionRequest(
    string VirtualHost, string HubUser, string? HubPassword, IReadOnlyCollection<string> AgencyIds, IReadOnlyCollection<string> Rotate);

/// <summary>A password issued in this run; written once to the credentials file, never printed.</summary>
public sealed record IssuedCredential(string User, string? Agency, string Password, string Reason);

public sealed record ProvisionPlan(IReadOnlyList<IssuedCredential> Issued);

public sealed record ProvisionReport(IReadOnlyList<string> Lines, IReadOnlyList<string> Warnings);

/// <summary>
/// Creates the hub's broker users from the agency directory, idempotently: one user per agency, named by its
/// id, with exactly <see cref="AgencyPermissions.For"/>; one for the hub with <see cref="AgencyPermissions.Hub"/>.
/// A run keeps existing users and their passwords, and applies every user's permissions again (and removes any
/// tags, so no agency can use the management interface). New users and users being rotated get a fresh random
/// password, which the caller stores (<see cref="CredentialsFile"/>) before <see cref="ApplyAsync"/> sets it,
/// so no password exists on the broker that was not written down first.
/// </summary>
public sealed class BrokerProvisioner(ManagementApi api)
{
    /// <summary>Decides which passwords to issue; changes nothing on the broker.</summary>
    public async Task<ProvisionPlan> PlanAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        if (string.Equals(request.HubUser, "guest", StringComparison.OrdinalIgnoreCase))
            throw new ProvisionException("the hub user must not be guest");
        if (request.AgencyIds.Contains(request.HubUser))
            throw new ProvisionException($"the hub user '{request.HubUser}' is also an agency id in the directory; give the hub another user name");
        foreach (var user in request.Rotate)
            if (user != request.HubUser && !request.AgencyIds.Contains(user))
                throw new ProvisionException($"--rotate {user}: not an agency in the directory nor the hub user");
        if (request.HubPassword is not null && request.Rotate.Contains(request.HubUser))
            throw new ProvisionException($"--rotate {request.HubUser}: the hub's password comes from configuration; change it there and run provision again");

        var issued = new List<IssuedCredential>();
        foreach (var (user, agency) in Users(request))
        {
            if (agency is null && request.HubPassword is not null)
                continue;
            if (request.Rotate.Contains(user))
                issued.Add(new IssuedCredential(user, agency, NewPassword(), "rotated"));
            else if (await api.UserAsync(user, cancellationToken).ConfigureAwait(false) is null)
                issued.Add(new IssuedCredential(user, agency, NewPassword(), "created"));
        }
        return new ProvisionPlan(issued);
    }

    /// <summary>Sets the issued passwords and every user's permissions.</summary>
    public async Task<ProvisionReport> ApplyAsync(ProvisionRequest request, ProvisionPlan plan, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var warnings = new List<string>();
        if (!await api.VirtualHostExistsAsync(request.VirtualHost, cancellationToken).ConfigureAwait(false))
        {
            await api.CreateVirtualHostAsync(request.VirtualHost, cancellationToken).ConfigureAwait(false);
            lines.Add($"virtual host {request.VirtualHost}: created");
        }
        var issued = plan.Issued.ToDictionary(i => i.User, StringComparer.Ordinal);
        foreach (var (user, agency) in Users(request))
        {
            string what;
            if (issued.TryGetValue(user, out var credential))
            {
                await api.PutUserAsync(user, credential.Password, cancellationToken).ConfigureAwait(false);
                what = credential.Reason + ", new password in the credentials file";
            }
            else if (agency is null && request.HubPassword is not null)
            {
                // The configured password is the truth: setting it again is idempotent, and changing it is the hub's rotation.
                await api.PutUserAsync(user, request.HubPassword, cancellationToken).ConfigureAwait(false);
                what = "password from configuration";
            }
            else
            {
                var existing = await api.UserAsync(user, cancellationToken).ConfigureAwait(false)
                    ?? throw new ProvisionException($"user {user} disappeared during provisioning; run it again");
                what = "kept, password unchanged";
                if (ManagementApi.Tags(existing).Count > 0)
                {
                    await api.ClearTagsAsync(existing, cancellationToken).ConfigureAwait(false);
                    what += ", tags removed";
                }
            }
            var permissions = agency is null ? AgencyPermissions.Hub : AgencyPermissions.For(agency);
            await api.PutPermissionsAsync(request.VirtualHost, user, permissions, cancellationToken).ConfigureAwait(false);
            lines.Add($"{(agency is null ? "hub" : "agency")} user {user}: {what}; permissions on {request.VirtualHost}: " +
                $"configure {permissions.Configure}  write {permissions.Write}  read {permissions.Read}");
        }

        var known = Users(request).Select(u => u.User).ToHashSet(StringComparer.Ordinal);
        foreach (var other in await api.UsersWithPermissionsAsync(request.VirtualHost, cancellationToken).ConfigureAwait(false))
        {
            if (known.Contains(other))
                continue;
            warnings.Add(other == "guest"
                ? $"user guest has permissions on {request.VirtualHost}: delete it (rabbitmqctl delete_user guest) unless this is a test node"
                : $"user {other} has permissions on {request.VirtualHost} but is neither the hub nor an agency in the directory: review it");
        }
        return new ProvisionReport(lines, warnings);
    }

    static IEnumerable<(string User, string? Agency)> Users(ProvisionRequest request) =>
        new[] { (request.HubUser, (string?)null) }.Concat(request.AgencyIds.Order(StringComparer.Ordinal).Select(id => (id, (string?)id)));

    /// <summary>192 random bits, URL-safe base64: no character a shell or a configuration file would mangle.</summary>
    static string NewPassword() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
}

public sealed class ProvisionException(string message) : Exception(message);
