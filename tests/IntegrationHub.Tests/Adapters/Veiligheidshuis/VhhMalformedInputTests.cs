using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Adapters;
using static IntegrationHub.Tests.Adapters.Veiligheidshuis.VhhFixtures;

namespace IntegrationHub.Tests.Adapters.Veiligheidshuis;

/// <summary>The malformed-input corpus: every case names its problem (JSON path in the agency's format, reason) and yields no message.</summary>
public class VhhMalformedInputTests
{
    static byte[] Report => Bytes("henk-zorgmelding.json");

    static void Unreadable(InboundResult result, string reason)
    {
        result.Messages.Should().BeEmpty();
        result.Malformed.Should().BeTrue();
        result.Problems.Should().ContainSingle(p => p.Path == "/" && p.Reason.Contains(reason), $"problems were: {string.Join("; ", result.Problems)}");
    }

    static void Invalid(InboundResult result, string path, string reason)
    {
        result.Messages.Should().BeEmpty();
        result.Malformed.Should().BeFalse();
        result.Problems.Should().Contain(p => p.Path == path && p.Reason == reason, $"problems were: {string.Join("; ", result.Problems)}");
    }

    static JsonObject Changed(string file, Action<JsonObject> change)
    {
        var json = Json(file);
        change(json);
        return json;
    }

    [Fact]
    public void Truncated()
    {
        Unreadable(Read(Report[..(Report.Length / 2)]), "ends before the JSON is complete");
    }

    [Fact]
    public void Truncated_inside_a_UTF8_character()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"type\": \"zorgmelding\", \"berichtId\": \"Zoë");
        Unreadable(Read(bytes[..^1]), "ends in the middle of a UTF-8 character at offset 40");
    }

    [Fact]
    public void Wrong_encoding_Windows_1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = Encoding.UTF8.GetString(Report).Replace("\"Henk\"", "\"Zoë\"");
        Unreadable(Read(Encoding.GetEncoding(1252).GetBytes(text)), "is not valid UTF-8: byte 0xEB");
    }

    [Fact]
    public void Wrong_encoding_UTF16()
    {
        Unreadable(Read([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("{}")]), "is UTF-16");
        Unreadable(Read(Encoding.Unicode.GetBytes("{}")), "contains a NUL byte at offset 1");
    }

    [Fact]
    public void A_50_MB_body_is_refused_before_parsing()
    {
        var body = new byte[50 * 1024 * 1024];
        Array.Fill(body, (byte)'[');
        Unreadable(Read(body), "is 52428800 bytes; at most 4194304 are accepted");
    }

    [Fact]
    public void Invalid_JSON()
    {
        Unreadable(Read(Encoding.UTF8.GetBytes("{\"type\": \"zorgmelding\",, }")), "is not valid JSON (line 1, position 24)");
    }

    [Fact]
    public void Not_an_object()
    {
        Unreadable(Read(Encoding.UTF8.GetBytes("[1, 2]")), "must be a JSON object");
    }

    [Fact]
    public void Empty()
    {
        Unreadable(Read([]), "is empty");
    }

    [Fact]
    public void Missing_required_fields()
    {
        var json = Changed("henk-zorgmelding.json", j =>
        {
            j["jeugdige"]!.AsObject().Remove("bsn");
            j["incident"]!.AsObject().Remove("datum");
            j.Remove("contactpersoon");
        });

        var result = Read(json);

        Invalid(result, "/jeugdige/bsn", "is required");
        Invalid(result, "/incident/datum", "is required");
        Invalid(result, "/contactpersoon", "is required");
    }

    [Fact]
    public void Invalid_BSN()
    {
        Invalid(Read(Changed("henk-zorgmelding.json", j => j["jeugdige"]!["bsn"] = "123456789")),
            "/jeugdige/bsn", "is not a valid BSN (fails the 11-check)");
    }

    [Fact]
    public void Invalid_sibling_BSN()
    {
        Invalid(Read(Changed("henk-casusoverleg-overdracht.json", j => j["gezin"]!["broersZussen"]![0]!["bsn"] = "123456789")),
            "/gezin/broersZussen/0/bsn", "is not a valid BSN (fails the 11-check)");
    }

    [Fact]
    public void Unknown_agency()
    {
        Invalid(Read(Changed("henk-zorgmelding.json", j => j["ontvanger"] = "cjg-nergens")),
            "/ontvanger", "is not in the hub's agency directory");
        Invalid(Read(Changed("vhh-terugkoppeling-ontvangst.json", j => j["veiligheidshuis"] = "vhh-nergens")),
            "/veiligheidshuis", "is not in the hub's agency directory");
    }

    [Fact]
    public void Unknown_and_missing_type()
    {
        Invalid(Read(Changed("henk-zorgmelding.json", j => j["type"] = "proces-verbaal")),
            "/type", "is not one of zorgmelding, casusoverleg-overdracht, casusoverleg-terugkoppeling");
        Invalid(Read(Changed("henk-zorgmelding.json", j => j.Remove("type"))),
            "/type", "is required (zorgmelding, casusoverleg-overdracht, casusoverleg-terugkoppeling)");
    }

    [Fact]
    public void A_care_report_for_justice_is_refused()
    {
        Invalid(Read(Changed("henk-zorgmelding.json", j => j["doel"] = "justitie")),
            "/doel", "'justitie': a police care report is shared for care (zorg) only; justice information does not travel through the hub");
    }

    [Fact]
    public void A_care_report_on_consent_is_refused()
    {
        Invalid(Read(Changed("henk-zorgmelding.json", j => j["grondslag"] = "toestemming")),
            "/grondslag", "a police care report is shared without the family's consent: use veiligheid-kind or wettelijke-plicht");
    }

    [Fact]
    public void A_case_meeting_does_not_hand_over_to_the_municipality()
    {
        Invalid(Read(Changed("henk-casusoverleg-overdracht.json", j => j["ontvanger"] = "gemeente-tilburg")),
            "/ontvanger", "'gemeente-tilburg' is a gemeente; a case meeting hands over to a CJG, a school (ZAT) or Bureau Jeugdzorg");
    }

    [Fact]
    public void Consent_of_Henk_alone_is_not_enough_at_fourteen()
    {
        Invalid(Read(Changed("henk-casusoverleg-overdracht.json", j => j["toestemmingDoor"] = new JsonArray("jeugdige"))),
            "/toestemmingDoor", "from 12 to 15 both the parents and the young person must consent (age from /subject/birthDate)");
    }

    [Fact]
    public void Wrong_types_and_codes_name_the_field()
    {
        var result = Read(Changed("henk-casusoverleg-overdracht.json", j =>
        {
            j["gezin"]!["ouders"]![0]!["gezag"] = "ja";
            j["zorgen"]![1]!["domein"] = "werk";
            j["overleg"]!["datum"] = "22-01-2027";
        }));

        Invalid(result, "/gezin/ouders/0/gezag", "must be true or false");
        Invalid(result, "/zorgen/1/domein", "is not one of school, gezin, gezondheid, ontwikkeling, veiligheid, justitie, middelengebruik, financien, huisvesting");
        Invalid(result, "/overleg/datum", "is not a date in the form yyyy-MM-dd");
    }

    [Fact]
    public void A_rejection_needs_a_reason()
    {
        Invalid(Read(Changed("vhh-terugkoppeling-ontvangst.json", j => j["soort"] = "afwijzing")), "/reden", "is required for rejection");
    }

    [Fact]
    public void Feedback_needs_the_hubs_handover_id()
    {
        Invalid(Read(Changed("vhh-terugkoppeling-ontvangst.json", j => j["overdrachtId"] = "CO-2027-0031")),
            "/overdrachtId", "is not a UUID (the hub's handover id)");
    }

    [Fact]
    public void Feedback_from_the_future()
    {
        Invalid(Read(Changed("vhh-terugkoppeling-ontvangst.json", j => j["tijdstip"] = "2027-03-01T10:00:00+01:00")), "/tijdstip", "lies in the future");
    }

    [Fact]
    public void A_too_long_description_is_reported_where_it_was_written()
    {
        Invalid(Read(Changed("henk-zorgmelding.json", j => j["zorgen"]![1]!["omschrijving"] = new string('x', 4001))),
            "/zorgen/1/omschrijving", "is too long (at most 4000 characters)");
    }
}
