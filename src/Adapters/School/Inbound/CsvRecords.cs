using System.Text;

namespace IntegrationHub.Adapters.School.Inbound;

/// <summary>One CSV record and the physical line it starts on (quoted fields may span lines).</summary>
sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// Splits semicolon-separated text (RFC 4180 quoting) into records. Hand-written rather than
/// CsvHelper's parser because problems must name the physical line a record starts on, and a quote
/// that is never closed must be reported as truncation instead of silently swallowing the rest.
/// </summary>
static class CsvRecords
{
    public const char Separator = ';';

    public sealed record Parsed(IReadOnlyList<CsvRecord> Records, int? UnclosedQuoteLine);

    public static Parsed Split(string text)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoteLine = 0;
        var inQuotes = false;
        var fieldWasQuoted = false;

        void EndField()
        {
            fields.Add(fieldWasQuoted ? field.ToString() : field.ToString().Trim());
            field.Clear();
            fieldWasQuoted = false;
        }

        void EndRecord()
        {
            EndField();
            // Blank lines between rows are common in hand-edited exports; they are not rows.
            if (fields.Count > 1 || fields[0].Length > 0)
                records.Add(new CsvRecord(recordLine, fields.ToList()));
            fields.Clear();
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                    inQuotes = false;
                else
                {
                    if (c == '\n')
                        line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.ToString().Trim().Length == 0 && !fieldWasQuoted:
                    field.Clear();
                    inQuotes = fieldWasQuoted = true;
                    quoteLine = line;
                    break;
                case Separator:
                    EndField();
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (inQuotes)
            return new Parsed(records, quoteLine);
        if (field.Length > 0 || fields.Count > 0 || fieldWasQuoted)
            EndRecord();
        return new Parsed(records, null);
    }
}
