using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// The signature on a webhook POST, so the agency can tell the hub's mail from anyone else's POST to its URL:
/// <c>X-Hub-Signature-256: sha256=</c> the lowercase hex HMAC-SHA256, keyed with the agency's secret (UTF-8), of
/// <c>{mailId}.{timestamp}.</c> (UTF-8) followed by the body's bytes; <c>timestamp</c> is <c>X-Hub-Timestamp</c>,
/// Unix seconds. Mail id and timestamp are inside the signature so a captured POST cannot be replayed later
/// or under another mail id (docs/operators.md#webhooks-signatures-redirects-https shows how to verify).
/// </summary>
public static class WebhookSignature
{
    public const string Scheme = "sha256=";

    public static string Compute(string secret, string mailId, long timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes($"{mailId}.{timestamp}."));
        hmac.AppendData(body);
        return Scheme + Convert.ToHexStringLower(hmac.GetHashAndReset());
    }
}
