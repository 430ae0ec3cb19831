using System.Globalization;
using System.Text;

namespace IntegrationHub.Hub.Audit;

/// <summary>
/// The delivery log as CSV (RFC 4180): comma separated, CRLF line ends, a header row, fields quoted
/// when they hold a comma, quote or line break. recorded_at is UTC ISO-8601 with milliseconds, so
/// at_ms (and with it the chain hash) can be recomputed from the file. Null and empty both export empty.
/// </summary>
public static class DeliveryLogCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "seq", "recorded_at", "message_id", "handover_id", "sender", "receiver", "kind", "purpose", "legal_basis",
        "subject_key", "payload_sha256", "outcome", "channel", "prev_hash", "entry_hash",
    ];

    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static async Task WriteAsync(IEnumerable<DeliveryLogRow> rows, TextWriter writer, CancellationToken cancellationToken = default)
    {
        await writer.WriteAsync(Line(Header).AsMemory(), cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
            await writer.WriteAsync(Line(Fields(row)).AsMemory(), cancellationToken).ConfigureAwait(false);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static string ToCsv(IEnumerable<DeliveryLogRow> rows)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteAsync(rows, writer).GetAwaiter().GetResult();
        return writer.ToString();
    }

    static IReadOnlyList<string?> Fields(DeliveryLogRow row) =>
    [
        row.Seq.ToString(CultureInfo.InvariantCulture), row.At.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture),
        row.MessageId, row.HandoverId, row.Sender, row.Receiver, row.Kind, row.Purpose, row.LegalBasis,
        row.SubjectKey, row.PayloadSha256, row.Outcome, row.Channel, row.PrevHash, row.EntryHash,
    ];

    static string Line(IReadOnlyList<string?> fields)
    {
        var line = new StringBuilder();
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
                line.Append(',');
            line.Append(Escape(fields[i]));
        }
        return line.Append("\r\n").ToString();
    }

    static string Escape(string? field) =>
        field is null ? ""
        : field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : field;
}
