using System.Text;
using IntegrationHub.Adapters;
using static IntegrationHub.Tests.Adapters.School.SchoolFixtures;

namespace IntegrationHub.Tests.Adapters.School;

/// <summary>The malformed-input corpus: every case names its problem (path and reason) and yields no message.</summary>
public class SchoolMalformedInputTests
{
    static string Kevin => Text("kevin-zat-verwijzing.csv");

    static void Unreadable(InboundResult result, string path, string reason)
    {
        result.Messages.Should().BeEmpty();
        result.Malformed.Should().BeTrue();
        result.Problems.Should().ContainSingle(p => p.Path == path && p.Reason.Contains(reason),
            $"problems were: {string.Join("; ", result.Problems)}");
    }

    static void Invalid(InboundResult result, string path, string reason)
    {
        result.Messages.Should().BeEmpty();
        result.Malformed.Should().BeFalse();
        result.Problems.Should().Contain(p => p.Path == path && p.Reason == reason,
            $"problems were: {string.Join("; ", result.Problems)}");
    }

    static string WithCell(string column, string value)
    {
        var lines = Kevin.Split("\r\n");
        var index = Array.IndexOf(lines[0].Split(';'), column);
        index.Should().BeGreaterThanOrEqualTo(0);
        // Kevin's row quotes two cells containing ';', so split on the header's positions via a rebuilt row.
        var cells = SplitRow(lines[1]);
        cells[index] = value;
        lines[1] = string.Join(';', cells.Select(c => c.Contains(';') || c.Contains('\n') ? $"\"{c}\"" : c));
        return string.Join("\r\n", lines);
    }

    static List<string> SplitRow(string row)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        foreach (var c in row)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ';' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }

    [Fact]
    public void Truncated_inside_a_quoted_cell()
    {
        var text = Kevin[..Kevin.IndexOf("klasgenoten", StringComparison.Ordinal)];
        Unreadable(Read(text), "/", "line 2: a quoted cell is never closed; the file is truncated");
    }

    [Fact]
    public void Truncated_between_cells()
    {
        var text = Kevin[..Kevin.IndexOf(";5038 AB", StringComparison.Ordinal)];
        Unreadable(Read(text), "/rows/1", "line 2: has 10 of the header's 47 cells; the file is truncated");
    }

    [Fact]
    public void Truncated_inside_a_UTF8_character()
    {
        var bytes = Encoding.UTF8.GetBytes(Kevin);
        var cut = Encoding.UTF8.GetByteCount(Kevin[..Kevin.IndexOf("coördinator", StringComparison.Ordinal)]) + 3;
        Unreadable(Read(bytes[..cut]), "/", "ends in the middle of a UTF-8 character");
    }

    [Fact]
    public void Wrong_encoding_UTF16()
    {
        Unreadable(Read(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Kevin)).ToArray()), "/", "is UTF-16");
        Unreadable(Read(Encoding.Unicode.GetBytes(Kevin)), "/", "contains a NUL byte at offset 1");
    }

    [Fact]
    public void Wrong_encoding_neither_UTF8_nor_Windows_1252()
    {
        var bytes = Encoding.UTF8.GetBytes(Kevin.Replace("Kevin", "Kev?n"));
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0x81;
        Unreadable(Read(bytes), "/", "is neither UTF-8 nor Windows-1252: byte 0x81");
    }

    [Fact]
    public void A_UTF8_BOM_followed_by_Windows_1252_bytes()
    {
        byte[] body = [.. Encoding.UTF8.GetPreamble(), .. Windows1252.GetBytes(Kevin)];
        Unreadable(Read(body), "/", "starts with a UTF-8 byte order mark but byte 0xEB");
    }

    [Fact]
    public void A_50_MB_body_is_refused_before_parsing()
    {
        var body = new byte[50 * 1024 * 1024];
        Array.Fill(body, (byte)';');
        Unreadable(Read(body), "/", "is 52428800 bytes; at most 4194304 are accepted");
    }

    [Fact]
    public void An_empty_body()
    {
        Unreadable(Read([]), "/", "is empty");
    }

    [Fact]
    public void A_comma_separated_export()
    {
        Unreadable(Read(Kevin.Replace(';', ',')), "/", "no ';'-separated header with 'Berichttype' found (the line holds commas");
    }

    [Fact]
    public void Missing_required_cell()
    {
        Invalid(Read(WithCell("Geboortedatum", "")), "/rows/1/Geboortedatum", "line 2: is required");
    }

    [Fact]
    public void Missing_required_column()
    {
        var lines = Kevin.Split("\r\n");
        lines[0] = lines[0].Replace(";BSN;", ";Burgerservicenr;");
        Invalid(Read(string.Join("\r\n", lines)), "/columns/BSN", "line 1: column 'BSN' is missing from the header");
    }

    [Fact]
    public void Invalid_BSN_fails_the_eleven_check()
    {
        Invalid(Read(WithCell("BSN", "123456789")), "/rows/1/BSN", "line 2: is not a valid BSN (fails the 11-check)");
    }

    [Fact]
    public void Invalid_sibling_BSN_is_named_by_its_own_column()
    {
        Invalid(Read(WithCell("BSN broer/zus", "234567890")), "/rows/1/BSN broer/zus", "line 2: is not a valid BSN (fails the 11-check)");
    }

    [Fact]
    public void Unknown_receiving_agency()
    {
        Invalid(Read(WithCell("Ontvanger", "bjz-nergens")), "/rows/1/Ontvanger", "line 2: is not in the hub's agency directory");
    }

    [Fact]
    public void Unknown_school()
    {
        Invalid(Read(WithCell("Schoolcode", "school-onbekend")), "/rows/1/Schoolcode", "line 2: is not in the hub's agency directory");
    }

    [Fact]
    public void Impossible_date()
    {
        Invalid(Read(WithCell("Geboortedatum", "31-02-2016")), "/rows/1/Geboortedatum", "line 2: is not a date in the form dd-MM-yyyy");
    }

    [Fact]
    public void Birth_date_in_the_future()
    {
        Invalid(Read(WithCell("Geboortedatum", "01-01-2028")), "/rows/1/Geboortedatum", "line 2: lies in the future");
    }

    [Fact]
    public void Unknown_message_type()
    {
        Invalid(Read(WithCell("Berichttype", "Terugkoppeling")), "/rows/1/Berichttype",
            "line 2: is not a message type this hub accepts from a school (ZAT-verwijzing, Verzuimmelding)");
    }

    [Fact]
    public void Unknown_Dutch_term()
    {
        Invalid(Read(WithCell("Urgentie", "heel dringend")), "/rows/1/Urgentie", "line 2: is not one of regulier, normaal, spoed, crisis");
    }

    [Fact]
    public void Consent_of_a_fourteen_year_old_needs_the_young_person_too()
    {
        var text = WithCell("Geboortedatum", "03-09-2012");
        Invalid(Read(text), "/rows/1/Toestemming door",
            "line 2: from 12 to 15 both the parents and the young person must consent (age from /subject/birthDate)");
    }

    [Fact]
    public void A_truancy_report_without_hours()
    {
        var text = WithCell("Berichttype", "Verzuimmelding");
        Invalid(Read(text), "/rows/1/Verzuim uren", "line 2: is required");
        Invalid(Read(text), "/rows/1/Verzuim van", "line 2: is required");
    }

    [Fact]
    public void A_postal_code_the_canonical_format_refuses()
    {
        Invalid(Read(WithCell("Postcode", "0123 AB")), "/rows/1/Postcode", "line 2: does not have the required form (^[1-9][0-9]{3} ?[A-Z]{2}$)");
    }

    [Fact]
    public void One_bad_row_spoils_the_file_and_every_bad_row_is_reported()
    {
        var lines = Kevin.Split("\r\n");
        var good = lines[1].Replace("ZAT-2026-0147", "ZAT-2026-0148");
        var badBsn = lines[1].Replace("ZAT-2026-0147", "ZAT-2026-0149").Replace(";123456782;", ";123456789;");
        var badDate = lines[1].Replace("ZAT-2026-0147", "ZAT-2026-0150").Replace(";12-04-2016;", ";2016-04-12;");

        var result = Read(string.Join("\r\n", lines[0], good, badBsn, badDate));

        result.Messages.Should().BeEmpty();
        result.Problems.Select(p => p.Path).Should().BeEquivalentTo(["/rows/2/BSN", "/rows/3/Geboortedatum"]);
        // Kevin's remarks span two physical lines, so row 2 starts on line 4.
        result.Problems.Single(p => p.Path == "/rows/2/BSN").Reason.Should().StartWith("line 4: ");
        result.Problems.Single(p => p.Path == "/rows/3/Geboortedatum").Reason.Should().StartWith("line 6: ");
    }

    [Fact]
    public void The_same_message_number_twice()
    {
        var lines = Kevin.Split("\r\n");
        Invalid(Read(string.Join("\r\n", lines[0], lines[1], lines[1])), "/rows/2/Berichtnummer",
            "line 4: appears twice in this file (also row 1)");
    }

    [Fact]
    public void A_header_without_rows()
    {
        Invalid(Read(Kevin.Split("\r\n")[0]), "/rows", "the file has a header but no rows");
    }
}
