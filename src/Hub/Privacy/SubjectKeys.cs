using System.Security.Cryptography;
using System.Text;
using Dapper;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Privacy;

/// <summary>
/// Pseudonymous subject keys: an HMAC of the BSN under a secret only this hub's database holds. The
/// same child gets the same key across handovers (so signals can be matched and audited), but the key
/// reveals nothing without the secret. Logs, the saga and the delivery log see only this key.
/// </summary>
public sealed class SubjectKeys(HubDatabase database)
{
    byte[]? _secret;

    public async Task<string> ForBsnAsync(string bsn, CancellationToken cancellationToken = default)
    {
        var secret = _secret ??= await LoadOrCreateSecretAsync(cancellationToken).ConfigureAwait(false);
        return "sk-" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(bsn)))[..32];
    }

    async Task<byte[]> LoadOrCreateSecretAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var candidate = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        // Insert-if-absent then read: two instances starting together agree on one secret.
        await connection.ExecuteAsync("INSERT INTO settings (key, value) VALUES ('subject-key-secret', @Value) ON CONFLICT DO NOTHING", new { Value = candidate }).ConfigureAwait(false);
        var stored = await connection.ExecuteScalarAsync<string>("SELECT value FROM settings WHERE key = 'subject-key-secret'").ConfigureAwait(false);
        return Convert.FromBase64String(stored!);
    }
}
