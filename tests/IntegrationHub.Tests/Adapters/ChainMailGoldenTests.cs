using System.Text;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.AgencyAdapters;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Tests.Adapters.Bjz;
using IntegrationHub.Tests.Adapters.Jgz;
using IntegrationHub.Tests.Adapters.School;
using IntegrationHub.Tests.Adapters.Veiligheidshuis;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Adapters;

/// <summary>
/// Mail of kind match and notice (the chain around the child, docs/chain.md) in every agency format, as golden files
/// (UPDATE_GOLDEN=1 / BJZ_UPDATE_GOLDEN=1 rewrite them after a deliberate change): the school CSV, the Veiligheidshuis
/// JSON, BJZ XML valid against bjz.xsd, JGZ FHIR conformant to R4; canonical agencies get the mail itself. None of
/// them names the child.
/// </summary>
public class ChainMailGoldenTests
{
    static readonly DateTimeOffset At = new(2027, 2, 1, 9, 30, 0, TimeSpan.Zero);

    static AgencyMail Match(string to) => new()
    {
        MailId = Guid.Parse("c0ffee00-1111-4222-8333-444455556666"), To = to, Kind = AgencyMailKinds.Match, HandoverId = Guid.Empty,
        Sender = AgencyDirectory.HubId, Receiver = to, At = At,
        Match = new MatchNotice
        {
            MatchId = Guid.Parse("9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"), Kind = MatchKinds.Family, FamilyId = Guid.Parse("f00dbabe-0000-4000-8000-000000000001"),
            SignalId = Guid.Parse("5e5e5e5e-1234-4321-8765-0123456789ab"), SignalHandoverId = Guid.Parse("5b0f6c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b"),
            ConfirmContactBy = new DateTimeOffset(2027, 2, 15, 9, 30, 0, TimeSpan.Zero),
            Others =
            [
                new MatchParty { AgencyId = "veiligheidshuis-tilburg", Name = "E. Visser", Role = "procesregisseur HCO", Phone = "013-5550300",
                    Email = "regie@vhh-tilburg.example", SignalledAt = new DateTimeOffset(2027, 1, 18, 14, 0, 0, TimeSpan.Zero) },
                new MatchParty { AgencyId = "cjg-tilburg", Name = "S. Bos", SignalledAt = new DateTimeOffset(2027, 1, 20, 8, 0, 0, TimeSpan.Zero) },
            ],
        },
    };

    static AgencyMail Notice(string to) => new()
    {
        MailId = Guid.Parse("c0ffee00-2222-4222-8333-444455556666"), To = to, Kind = AgencyMailKinds.Notice, HandoverId = Guid.Empty,
        Sender = AgencyDirectory.HubId, Receiver = to, At = At,
        Notice = new HubNotice
        {
            Kind = ChainNoticeKinds.CoordinatorAssigned,
            Title = "U bent aangewezen als coördinator van dit gezin (één gezin, één plan): aanvaard of wijs af",
            Facts = new Dictionary<string, string>
            {
                ["familyId"] = "f00dbabe-0000-4000-8000-000000000001", ["rule"] = "bjz-involved", ["acceptBy"] = "2027-02-03T10:30:00+01:00",
                ["involved"] = "school-de-regenboog, veiligheidshuis-tilburg, bjz-noord-brabant",
            },
        },
    };

    [Fact]
    public void School_csv_a_row_per_party_to_call_and_a_notice_row()
    {
        var match = new IntegrationHub.Adapters.School.SchoolCsvAdapter().Render(Match("school-de-regenboog"));
        match.ContentType.Should().Be("text/csv; charset=utf-8");
        SchoolFixtures.MatchesBytes("out-match.csv", match.Body);
        Encoding.UTF8.GetString(match.Body).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3, "a header and a row per other party");
        SchoolFixtures.MatchesBytes("out-notice.csv", new IntegrationHub.Adapters.School.SchoolCsvAdapter().Render(Notice("school-de-regenboog")).Body);
    }

    [Fact]
    public void Veiligheidshuis_json_match_and_melding()
    {
        var adapter = new IntegrationHub.Adapters.Veiligheidshuis.VeiligheidshuisAdapter();
        VhhFixtures.MatchesJson("out-match.json", Encoding.UTF8.GetString(adapter.Render(Match("veiligheidshuis-tilburg")).Body));
        VhhFixtures.MatchesJson("out-notice.json", Encoding.UTF8.GetString(adapter.Render(Notice("veiligheidshuis-tilburg")).Body));
    }

    [Theory]
    [InlineData("match")]
    [InlineData("melding")]
    public void Bjz_xml_valid_against_the_xsd(string golden)
    {
        var document = BjzTestKit.Adapter.Render(golden == "match" ? Match("bjz-noord-brabant") : Notice("bjz-noord-brabant"));
        var path = BjzTestKit.GoldenPath("outbound", golden + ".xml");
        if (Environment.GetEnvironmentVariable("BJZ_UPDATE_GOLDEN") == "1" || Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
            File.WriteAllBytes(path, document.Body);
        BjzTestKit.XsdErrors(document.Body).Should().BeEmpty();
        Encoding.UTF8.GetString(document.Body).Should().Be(File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Jgz_fhir_communications_conformant_to_r4()
    {
        var match = Encoding.UTF8.GetString(JgzTestKit.Adapter.Render(Match("jgz-tilburg")).Body);
        var notice = Encoding.UTF8.GetString(JgzTestKit.Adapter.Render(Notice("jgz-tilburg")).Body);
        FhirConformance.Violations(match).Should().BeEmpty();
        FhirConformance.Violations(notice).Should().BeEmpty();
        JgzTestKit.ShouldMatchGolden(match, "outbound-match.communication.json");
        JgzTestKit.ShouldMatchGolden(notice, "outbound-notice.communication.json");
        match.Should().NotContain("Patient");
    }

    [Fact]
    public void Canonical_agencies_get_the_mail_itself_and_no_format_names_the_child()
    {
        var renderer = new MailRenderer(new AdapterCatalog([
            new IntegrationHub.Adapters.School.SchoolCsvAdapter(), new IntegrationHub.Adapters.Veiligheidshuis.VeiligheidshuisAdapter(),
            BjzTestKit.Adapter, JgzTestKit.Adapter]));
        foreach (var agency in AgencyDirectory.LoadDemo().Agencies)
            foreach (var mail in new[] { Match(agency.Id), Notice(agency.Id) })
            {
                var text = Encoding.UTF8.GetString(renderer.Render(mail, agency).Body);
                text.Should().Contain(mail.Kind == AgencyMailKinds.Match ? "E. Visser" : "f00dbabe-0000-4000-8000-000000000001", agency.Delivery.Format);
            }
    }
}
