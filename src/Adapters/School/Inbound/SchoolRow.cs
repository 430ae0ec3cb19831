using System.Globalization;

namespace IntegrationHub.Adapters.School.Inbound;

/// <summary>
/// One data row of the export, read by Dutch column name. <see cref="Number"/> counts data rows from 1
/// (the header is not a row); <see cref="Line"/> is the physical line in the file, for the school's staff.
/// </summary>
sealed class SchoolRow(int number, int line, IReadOnlyDictionary<string, string> cells)
{
    public int Number { get; } = number;
    public int Line { get; } = line;
    public List<(string Column, string Reason)> Problems { get; } = [];

    /// <summary>The trimmed cell, or null when the column is absent or the cell empty.</summary>
    public string? Get(string column) =>
        cells.TryGetValue(SchoolHeader.Key(column), out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    public bool Has(string column) => Get(column) is not null;

    public string? Required(string column, string? why = null)
    {
        var value = Get(column);
        if (value is null)
            Problem(column, why is null ? "is required" : $"is required {why}");
        return value;
    }

    public DateOnly? Date(string column)
    {
        var value = Get(column);
        if (value is null)
            return null;
        if (DateOnly.TryParseExact(value, "dd-MM-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        Problem(column, "is not a date in the form dd-MM-yyyy");
        return null;
    }

    public string? Term(string column, Vocabulary vocabulary)
    {
        var value = Get(column);
        if (value is null)
            return null;
        var canonical = vocabulary.ToCanonical(value);
        if (canonical is null)
            Problem(column, $"is not one of {vocabulary.Accepted}");
        return canonical;
    }

    public void Problem(string column, string reason) => Problems.Add((column, reason));
}

/// <summary>Header names are matched leniently: case, surrounding spaces and the diaeresis of "financiën" vary between templates.</summary>
static class SchoolHeader
{
    public static string Key(string column) => column.Trim().ToLowerInvariant().Replace('ë', 'e');
}
