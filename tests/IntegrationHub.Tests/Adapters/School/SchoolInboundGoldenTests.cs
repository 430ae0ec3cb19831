using System.Text;
using System.Text.Json;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Json;
using static IntegrationHub.Tests.Adapters.School.SchoolFixtures;

namespace IntegrationHub.Tests.Adapters.School;

public class SchoolInboundGoldenTests
{
    static HandoverDocument Single(InboundResult result)
    {
        result.Problems.Should().BeEmpty();
        result.Malformed.Should().BeFalse();
        var message = result.Messages.Should().ContainSingle().Which.Should().BeOfType<InboundHandover>().Subject;
        return JsonSerializer.Deserialize<HandoverDocument>(message.CanonicalJson, HubJson.Options)!;
    }

    [Fact]
    public void Kevins_ZAT_referral_becomes_the_canonical_handover_to_BJZ()
    {
        var result = Read(Bytes("kevin-zat-verwijzing.csv"));

        var handover = Single(result);
        MatchesJson("kevin-zat-verwijzing.expected.json", result.Messages[0].CanonicalJson);
        handover.MessageId.Should().Be(DeterministicId.From("school", "school-de-regenboog/ZAT-2026-0147"));
        handover.Subject.Bsn.Should().Be("123456782");
        handover.Subject.BirthDate.Should().Be(new DateOnly(2016, 4, 12));
        handover.Receiver.AgencyId.Should().Be("bjz-noord-brabant");
        handover.Family!.Siblings!.Single().GivenName.Should().Be("Henk");
    }

    [Fact]
    public void Henks_truancy_report_in_Windows_1252_becomes_a_school_concern_for_leerplicht()
    {
        var result = Read(Bytes("henk-verzuimmelding.cp1252.csv"));

        var handover = Single(result);
        MatchesJson("henk-verzuimmelding.expected.json", result.Messages[0].CanonicalJson);
        handover.LegalBasis.Kind.Should().Be("legal-obligation");
        handover.Concerns.Single().Description.Should().StartWith("Verzuim (ongeoorloofd): 32 uur van 02-11-2026 tot en met 27-11-2026.");
        handover.Sender.Professional!.Role.Should().Be("zorgcoördinator");
        handover.Subject.Address!.PostalCode.Should().Be("5038AB");
    }

    [Fact]
    public void The_same_export_reads_the_same_with_a_BOM_and_in_Windows_1252()
    {
        var text = Text("kevin-zat-verwijzing.csv");
        var plain = Read(Encoding.UTF8.GetBytes(text)).Messages.Single().CanonicalJson;

        var withBom = Read([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        var ansi = Read(Windows1252.GetBytes(text));

        withBom.Messages.Single().CanonicalJson.Should().Be(plain);
        ansi.Messages.Single().CanonicalJson.Should().Be(plain);
        plain.Should().Contain("geïndiceerde").And.Contain("zorgcoördinator");
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("windows-1252")]
    public void Accented_names_survive_every_encoding(string encoding)
    {
        var text = Text("kevin-zat-verwijzing.csv").Replace(";Kevin;Pietersdam;", ";Zoë;Özdemir;");
        byte[] body = encoding switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(text),
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            _ => Windows1252.GetBytes(text),
        };

        var handover = Single(Read(body));

        handover.Subject.GivenName.Should().Be("Zoë");
        handover.Subject.FamilyName.Should().Be("Özdemir");
    }

    [Fact]
    public void Several_rows_give_several_handovers_with_ids_from_school_and_number()
    {
        var lines = Text("kevin-zat-verwijzing.csv").Split("\r\n");
        var second = lines[1].Replace("ZAT-2026-0147", "ZAT-2026-0148").Replace("bjz-noord-brabant", "cjg-tilburg");
        var result = Read(string.Join("\r\n", lines[0], lines[1], second));

        result.Problems.Should().BeEmpty();
        result.Messages.Should().HaveCount(2);
        result.Messages.Select(m => JsonDocument.Parse(m.CanonicalJson).RootElement.GetProperty("messageId").GetGuid())
            .Should().Equal(DeterministicId.From("school", "school-de-regenboog/ZAT-2026-0147"), DeterministicId.From("school", "school-de-regenboog/ZAT-2026-0148"));
    }

    [Fact]
    public void The_golden_export_has_the_documented_layout()
    {
        Text("kevin-zat-verwijzing.csv").Split("\r\n")[0].Split(';').Should().Equal(IntegrationHub.Adapters.School.SchoolColumns.InboundLayout);
    }

    [Fact]
    public void Header_names_are_matched_regardless_of_case_and_order()
    {
        var text = "berichtnummer;BERICHTTYPE;schoolcode;ontvanger;bsn;voornaam;achternaam;geboortedatum;contactpersoon;zorgen school;grondslag;gevraagde actie;zorgen financien\n"
                 + "ZAT-1;ZAT-verwijzing;school-de-regenboog;cjg-tilburg;123456782;Kevin;Pietersdam;12-04-2016;M. de Vries;Teruggetrokken;veiligheid kind;zorg;Schulden\n";

        var handover = Single(Read(text));

        handover.LegalBasis.Kind.Should().Be("child-safety");
        handover.RequestedAction.Should().Be("care");
        handover.Concerns.Select(c => c.Domain).Should().Equal("school", "finance");
    }
}
