using IntegrationHub.Hub.Audit.Fhir;

namespace IntegrationHub.Hub.Audit;

/// <summary>One export of a period in one format, shared by the CLI and the HTTP endpoint.</summary>
public static class AuditExport
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "fhir"];

    public static string ContentType(string format) => format == "csv" ? "text/csv; charset=utf-8" : "application/fhir+json; charset=utf-8";

    public static async Task WriteAsync(DeliveryLogReader reader, AuditPeriod period, string format, DateTimeOffset now, TextWriter writer, CancellationToken cancellationToken)
    {
        if (!Formats.Contains(format))
            throw new ArgumentOutOfRangeException(nameof(format), format, "csv or fhir");
        var rows = await reader.ReadAsync(period, cancellationToken).ConfigureAwait(false);
        if (format == "csv")
            await DeliveryLogCsv.WriteAsync(rows, writer, cancellationToken).ConfigureAwait(false);
        else
        {
            await writer.WriteAsync(AuditEventExport.ToJson(rows, now).AsMemory(), cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(writer.NewLine.AsMemory(), cancellationToken).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
