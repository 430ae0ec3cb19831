using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Adapters.School.Inbound;

/// <summary>
/// The header and the rows of an export. Structural damage (an unclosed quote, rows with fewer cells
/// than the header) is malformed input; missing columns are invalid content.
/// </summary>
sealed class SchoolTable
{
    public List<SchoolRow> Rows { get; } = [];
    public List<ValidationProblem> Malformed { get; } = [];
    public List<ValidationProblem> HeaderProblems { get; } = [];

    public static SchoolTable Read(string text)
    {
        var table = new SchoolTable();
        var parsed = CsvRecords.Split(text);
        if (parsed.UnclosedQuoteLine is { } quoteLine)
        {
            table.Malformed.Add(new("/", $"line {quoteLine}: a quoted cell is never closed; the file is truncated or a quote is missing"));
            return table;
        }
        if (parsed.Records.Count == 0)
        {
            table.Malformed.Add(new("/", "holds no header and no rows"));
            return table;
        }

        var header = parsed.Records[0];
        var index = new Dictionary<string, int>();
        for (var i = 0; i < header.Fields.Count; i++)
            index.TryAdd(SchoolHeader.Key(header.Fields[i]), i);
        if (!index.ContainsKey(SchoolHeader.Key(SchoolColumns.MessageType)))
        {
            var hint = header.Fields.Count == 1 && header.Fields[0].Contains(',') ? " (the line holds commas: export with ';' as separator)" : "";
            table.Malformed.Add(new("/", $"line {header.Line}: no ';'-separated header with '{SchoolColumns.MessageType}' found{hint}"));
            return table;
        }
        foreach (var column in SchoolColumns.RequiredInHeader.Where(c => !index.ContainsKey(SchoolHeader.Key(c))))
            table.HeaderProblems.Add(new($"/columns/{column}", $"line {header.Line}: column '{column}' is missing from the header"));

        for (var r = 1; r < parsed.Records.Count; r++)
        {
            var record = parsed.Records[r];
            var isLast = r == parsed.Records.Count - 1;
            if (CountProblem(record, header.Fields.Count, isLast) is { } problem)
            {
                table.Malformed.Add(new($"/rows/{r}", problem));
                continue;
            }
            var cells = index.ToDictionary(kv => kv.Key, kv => kv.Value < record.Fields.Count ? record.Fields[kv.Value] : "");
            table.Rows.Add(new SchoolRow(r, record.Line, cells));
        }
        return table;
    }

    static string? CountProblem(CsvRecord record, int expected, bool isLast)
    {
        var count = record.Fields.Count;
        // Spreadsheets often add empty trailing cells; only cells with content beyond the header count.
        if (count > expected && record.Fields.Skip(expected).All(f => f.Length == 0))
            return null;
        if (count < expected)
            return isLast
                ? $"line {record.Line}: has {count} of the header's {expected} cells; the file is truncated"
                : $"line {record.Line}: has {count} of the header's {expected} cells; a ';' is missing or a cell holds an unquoted line break";
        if (count > expected)
            return $"line {record.Line}: has {count} cells but the header only {expected}; a cell holds an unquoted ';'";
        return null;
    }
}
