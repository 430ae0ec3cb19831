using CsvHelper;

namespace IntegrationHub.Adapters.School.Outbound;

/// <summary>
/// Writes one header and one row as the school's import expects it: ';'-separated, CRLF, UTF-8 with
/// a byte order mark (without it Excel on Windows reads the file as Windows-1252 and garbles "ë").
/// </summary>
static class SchoolCsvWriter
{
    public const string ContentType = "text/csv; charset=utf-8";

    static readonly CsvWriterOptions Options = new()
    {
        Separator = ';',
        NewLine = "\r\n",
        WriteByteOrderMark = true,
        // Care coordinators open these files in Excel: a cell starting with '=' must not become a formula.
        Injection = CsvInjection.Escape,
    };

    public static OutboundDocument Write(IReadOnlyList<(string Column, string? Value)> cells) =>
        WriteRows(cells.Select(c => c.Column).ToList(), [cells.Select(c => c.Value).ToList()]);

    /// <summary>One header and several rows (a match with several other parties: a row each).</summary>
    public static OutboundDocument WriteRows(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            csv.WriteRecord(columns.ToArray());
            foreach (var row in rows)
                csv.WriteRecord(row.ToArray());
        }
        return new OutboundDocument(ContentType, stream.ToArray());
    }

    /// <summary>
    /// Values of a list where position matters (parent 1 and 2 across the guardian columns): a missing
    /// value is written as "-" so the n-th value of every column belongs to the same person.
    /// </summary>
    public static string? JoinAligned(IEnumerable<string?> values)
    {
        var list = values.ToList();
        return list.All(string.IsNullOrEmpty) ? null : string.Join(" | ", list.Select(v => string.IsNullOrEmpty(v) ? "-" : v));
    }

    /// <summary>Several values in one cell (two concerns in one domain).</summary>
    public static string? Join(IEnumerable<string?> values)
    {
        var list = values.Where(v => !string.IsNullOrEmpty(v)).ToList();
        return list.Count == 0 ? null : string.Join(" | ", list);
    }
}
