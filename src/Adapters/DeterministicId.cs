using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Adapters;

/// <summary>
/// Name-based UUIDs (RFC 4122 version 5 style, SHA-1): the same agency message id always maps to the
/// same canonical messageId, so a resent agency message is recognised by the hub's idempotency.
/// </summary>
public static class DeterministicId
{
    public static Guid From(string adapter, string sourceId)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes($"integrationhub:{adapter}:{sourceId}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
