using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Validation;
using static IntegrationHub.Tests.Adapters.Bjz.BjzTestKit;

namespace IntegrationHub.Tests.Adapters.Bjz;

/// <summary>Well-formed XML whose content is wrong: refused as invalid (not malformed), named by XML path and line.</summary>
public class BjzInvalidContentTests
{
    const string Handover = "overdracht-bjz-naar-cjg.xml";

    static ValidationProblem SingleProblem(InboundResult result)
    {
        result.Malformed.Should().BeFalse();
        result.Messages.Should().BeEmpty();
        return result.Problems.Should().ContainSingle().Subject;
    }

    [Fact]
    public void A_missing_required_element_is_named_with_what_was_expected()
    {
        var xml = Inbound(Handover).Replace("    <BSN>123456782</BSN>\n", "");

        var problem = SingleProblem(Read(xml));

        problem.Path.Should().Be("/Overdracht/Jeugdige/Voornaam");
        problem.Reason.Should().Contain("'BSN'").And.Contain("(line 27, column 6)").And.NotContain("urn:integrationhub");
    }

    [Fact]
    public void A_rejection_without_a_reason_is_refused_by_the_xsd()
    {
        var xml = Inbound("terugkoppeling-afwijzing.xml").Replace("    <Reden>Geen indicatie nodig: lichte ambulante ondersteuning kan via het CJG worden geregeld.</Reden>\n", "");

        var problem = SingleProblem(Read(xml));

        problem.Path.Should().Be("/Terugkoppeling/Afwijzing/VoorgesteldeOrganisatieId");
        problem.Reason.Should().Contain("'Reden'");
    }

    [Fact]
    public void Feedback_without_a_handover_id_is_refused_by_the_xsd()
    {
        var xml = Inbound("terugkoppeling-ontvangst.xml").Replace("  <OverdrachtId>7D3F1B52-8C1E-4A9B-B6A2-2F4E9D0C1A77</OverdrachtId>\n", "");

        var problem = SingleProblem(Read(xml));

        problem.Path.Should().Be("/Terugkoppeling/Door");
        problem.Reason.Should().Contain("'OverdrachtId'");
    }

    [Fact]
    public void A_bsn_that_fails_the_11_check_is_named_at_its_element()
    {
        var xml = Inbound(Handover).Replace("<BSN>123456782</BSN>", "<BSN>123456781</BSN>");

        var problem = SingleProblem(Read(xml));

        problem.Path.Should().Be("/Overdracht/Jeugdige/BSN");
        problem.Reason.Should().Be("is not a valid BSN (fails the 11-check) (line 27, column 6)");
    }

    [Fact]
    public void A_siblings_bsn_is_checked_too()
    {
        var xml = Inbound(Handover).Replace("<BSN>234567892</BSN>", "<BSN>234567891</BSN>");

        SingleProblem(Read(xml)).Path.Should().Be("/Overdracht/Gezin/BroerZus/BSN");
    }

    [Fact]
    public void A_bsn_that_is_not_nine_digits_is_refused_by_the_xsd()
    {
        var xml = Inbound(Handover).Replace("<BSN>123456782</BSN>", "<BSN>12345</BSN>");

        var problem = SingleProblem(Read(xml));

        problem.Path.Should().Be("/Overdracht/Jeugdige/BSN");
        problem.Reason.Should().Contain("Pattern constraint failed").And.Contain("'BSN'").And.NotContain("12345", "a reason names the rule, never the value");
    }

    [Fact]
    public void An_unknown_receiving_agency_is_named_at_OrganisatieId()
    {
        var xml = Inbound(Handover).Replace("<OrganisatieId>cjg-tilburg</OrganisatieId>", "<OrganisatieId>cjg-atlantis</OrganisatieId>");

        var problem = SingleProblem(Read(xml));

        problem.Path.Should().Be("/Overdracht/Ontvanger/OrganisatieId");
        problem.Reason.Should().StartWith("is not in the hub's agency directory (line 16,").And.NotContain("cjg-atlantis");
    }

    [Fact]
    public void An_unknown_suggested_agency_in_a_rejection_is_named_at_its_element()
    {
        var xml = Inbound("terugkoppeling-afwijzing.xml").Replace(">cjg-tilburg<", ">cjg-atlantis<");

        var problem = SingleProblem(Read(xml));

        problem.Path.Should().Be("/Terugkoppeling/Afwijzing/VoorgesteldeOrganisatieId");
        problem.Reason.Should().StartWith("is not in the hub's agency directory").And.NotContain("cjg-atlantis");
    }

    [Fact]
    public void Problems_in_repeated_elements_carry_their_position()
    {
        var secondSibling = "<BroerZus><BSN>111111111</BSN><Voornaam>Lisa</Voornaam><Achternaam>Pietersdam</Achternaam><Geboortedatum>2019-02-01</Geboortedatum></BroerZus>";
        var xml = Inbound(Handover).Replace("  </Gezin>", $"    {secondSibling}\n  </Gezin>");

        var problem = SingleProblem(Read(xml));

        problem.Path.Should().Be("/Overdracht/Gezin/BroerZus[2]/BSN");
        problem.Reason.Should().StartWith("is not a valid BSN");
    }

    [Fact]
    public void Consent_without_a_date_is_named_at_the_missing_element()
    {
        var xml = Inbound(Handover).Replace("    <ToestemmingDatum>2026-11-20</ToestemmingDatum>\n", "");

        var problem = SingleProblem(Read(xml));

        problem.Path.Should().Be("/Overdracht/Grondslag/ToestemmingDatum");
        problem.Reason.Should().StartWith("is required when the legal basis is consent");
    }

    [Fact]
    public void Consent_from_the_wrong_person_for_the_childs_age_is_named_at_ToestemmingDoor()
    {
        // Henk is 14: from 12 both the parents and the young person must consent.
        var xml = Inbound(Handover).Replace("<Geboortedatum>2016-04-12</Geboortedatum>", "<Geboortedatum>2012-09-03</Geboortedatum>");

        var problem = SingleProblem(Read(xml));

        problem.Path.Should().Be("/Overdracht/Grondslag/ToestemmingDoor");
        problem.Reason.Should().Contain("from 12 to 15 both the parents and the young person must consent");
    }

    [Fact]
    public void A_birth_date_in_the_future_is_named_at_Geboortedatum()
    {
        var xml = Inbound(Handover).Replace("<Geboortedatum>2016-04-12</Geboortedatum>", "<Geboortedatum>2027-01-01</Geboortedatum>");

        SingleProblem(Read(xml)).Path.Should().Be("/Overdracht/Jeugdige/Geboortedatum");
    }

    [Fact]
    public void A_handover_to_itself_is_refused()
    {
        var xml = Inbound(Handover).Replace("<OrganisatieId>cjg-tilburg</OrganisatieId>", "<OrganisatieId>bjz-noord-brabant</OrganisatieId>");

        var problem = SingleProblem(Read(xml));

        problem.Path.Should().Be("/Overdracht/Ontvanger/OrganisatieId");
        problem.Reason.Should().Contain("another agency than the sender");
    }

    [Fact]
    public void An_unknown_code_is_refused_by_the_xsd()
    {
        var xml = Inbound(Handover).Replace("<Leefgebied>gezin</Leefgebied>", "<Leefgebied>family</Leefgebied>");

        var problem = SingleProblem(Read(xml));

        problem.Path.Should().Be("/Overdracht/Zorgen/Zorg[1]/Leefgebied");
        problem.Reason.Should().Contain("Enumeration constraint failed").And.NotContain("family");
    }

    [Fact]
    public void A_huge_value_is_not_echoed_back_in_full()
    {
        var xml = Inbound(Handover).Replace("<Voornaam>Kevin</Voornaam>", $"<Voornaam>{new string('K', 100_000)}</Voornaam>");

        var problem = SingleProblem(Read(xml));

        problem.Path.Should().Be("/Overdracht/Jeugdige/Voornaam");
        problem.Reason.Length.Should().BeLessThan(400);
    }

    [Fact]
    public void Another_format_version_is_refused()
    {
        var xml = Inbound("terugkoppeling-ontvangst.xml").Replace("versie=\"1.0\"", "versie=\"2.0\"");

        var problem = SingleProblem(Read(xml));

        problem.Path.Should().Be("/Terugkoppeling/@versie");
        problem.Reason.Should().Contain("does not equal its fixed value").And.Contain("'versie'").And.NotContain("2.0");
    }

    [Fact]
    public void Xml_in_another_namespace_is_not_a_bjz_message()
    {
        var xml = Inbound("terugkoppeling-ontvangst.xml").Replace("urn:integrationhub:bjz:1.0", "urn:example:other");

        var problem = SingleProblem(Read(xml));

        problem.Path.Should().Be("/Terugkoppeling");
        problem.Reason.Should().Contain("is not a BJZ message");
    }

    [Theory]
    [InlineData("Escalatie")]
    [InlineData("Melding")]
    [InlineData("Retour")]
    public void What_only_the_hub_sends_is_not_accepted_from_an_agency(string root)
    {
        var xml = $"<{root} xmlns=\"urn:integrationhub:bjz:1.0\" versie=\"1.0\"/>";

        SingleProblem(Read(xml)).Reason.Should().Contain("is sent by the hub, not accepted from an agency");
    }

    [Fact]
    public void Every_schema_problem_is_reported_not_just_the_first()
    {
        var xml = Inbound(Handover)
            .Replace("<BSN>123456782</BSN>", "<BSN>12345</BSN>")
            .Replace("<Urgentie>urgent</Urgentie>", "<Urgentie>spoed</Urgentie>");

        var result = Read(xml);

        result.Messages.Should().BeEmpty();
        result.Problems.Select(p => p.Path).Should().BeEquivalentTo("/Overdracht/Urgentie", "/Overdracht/Jeugdige/BSN");
    }
}
