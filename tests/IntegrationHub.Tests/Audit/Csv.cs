using System.Text;

namespace IntegrationHub.Tests.Audit;

/// <summary>A strict RFC 4180 reader for the tests: CRLF records, quoted fields with doubled quotes.</summary>
public static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                        throw new FormatException("unterminated quoted field");
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                        field.Append(text[i++]);
                }
            }
            else if (text[i] == ',')
            {
                record.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r')
            {
                if (i + 1 >= text.Length || text[i + 1] != '\n')
                    throw new FormatException($"bare CR at {i}");
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i += 2;
            }
            else if (text[i] == '\n')
                throw new FormatException($"bare LF at {i}: records must end in CRLF");
            else
                field.Append(text[i++]);
        }
        if (field.Length > 0 || record.Count > 0)
            throw new FormatException("last record does not end in CRLF");
        return records;
    }
}
