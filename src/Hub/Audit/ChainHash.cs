using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Hub.Audit;

/// <summary>
/// The hash that links the delivery log (hash-keten). entry_hash = lower-case hex SHA-256 of the UTF-8
/// bytes of a sequence of netstrings (<c>length ":" bytes ","</c>, length in UTF-8 bytes, decimal) in
/// this order: the tag <c>delivery-log/v1</c>, seq, at_ms, message_id, handover_id, sender, receiver,
/// kind, purpose, legal_basis, subject_key, payload_sha256, outcome, channel, prev_hash. A null field is
/// written as <c>-,</c> (a netstring always starts with a digit, so null and "" stay distinct).
/// Netstrings rather than JSON: no escaping rules, so an auditor can recompute it in any language.
/// docs/audit.md repeats this; change both together and bump the tag.
/// </summary>
public static class ChainHash
{
    public const string Tag = "delivery-log/v1";

    /// <summary>The prev_hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Of(DeliveryLogRow row) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(row))));

    public static string Canonical(DeliveryLogRow row)
    {
        var text = new StringBuilder(512);
        foreach (var field in Fields(row))
        {
            if (field is null)
                text.Append("-,");
            else
                text.Append(Encoding.UTF8.GetByteCount(field).ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append(',');
        }
        return text.ToString();
    }

    static IEnumerable<string?> Fields(DeliveryLogRow row) =>
    [
        Tag,
        row.Seq.ToString(CultureInfo.InvariantCulture),
        row.AtMs.ToString(CultureInfo.InvariantCulture),
        row.MessageId, row.HandoverId, row.Sender, row.Receiver, row.Kind, row.Purpose, row.LegalBasis,
        row.SubjectKey, row.PayloadSha256, row.Outcome, row.Channel, row.PrevHash,
    ];
}
