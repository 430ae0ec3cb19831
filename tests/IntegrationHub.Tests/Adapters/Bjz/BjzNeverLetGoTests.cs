using System.Text;
using System.Xml.Linq;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Tests.Adapters.NeverLetGo;
using static IntegrationHub.Tests.Adapters.Bjz.BjzTestKit;

namespace IntegrationHub.Tests.Adapters.Bjz;

/// <summary>
/// What issue 13 added to the BJZ format: the re-route date and suggested agency on feedback to BJZ as the sender, the
/// waiting list, escalations on request with their acknowledgement date and re-notice, the hub's notices and retours.
/// Set BJZ_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change; review the diff.
/// </summary>
public class BjzNeverLetGoTests
{
    const string Bjz = "bjz-noord-brabant";
    static readonly XNamespace Ns = "urn:integrationhub:bjz:1.0";

    public static TheoryData<string> Goldens() => new()
    {
        "terugkoppeling-afwijzing-doorverwijzen", "terugkoppeling-wachtlijst", "escalatie-op-verzoek-herinnering", "melding-besluit",
        "retour-aangenomen", "retour-afgekeurd",
    };

    static AgencyMail MailFor(string golden) => golden switch
    {
        "terugkoppeling-afwijzing-doorverwijzen" => NeverLetGoMails.RerouteAfterRejection(Bjz),
        "terugkoppeling-wachtlijst" => NeverLetGoMails.AcceptedWaiting(Bjz),
        "escalatie-op-verzoek-herinnering" => NeverLetGoMails.EscalationRenotice(Bjz),
        "melding-besluit" => NeverLetGoMails.Decision(Bjz),
        "retour-aangenomen" => NeverLetGoMails.RetourAccepted(Bjz, "BJZ-2027-000123"),
        "retour-afgekeurd" => NeverLetGoMails.RetourRefused(Bjz, "BJZ-2027-000124", "/Overdracht/Jeugdige/BSN", "/Overdracht/Jeugdige/Geboortedatum"),
        _ => throw new ArgumentOutOfRangeException(nameof(golden)),
    };

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Renders_as_the_golden_document_valid_against_the_xsd(string golden)
    {
        var document = Adapter.Render(MailFor(golden));
        var path = GoldenPath("outbound", golden + ".xml");
        if (Environment.GetEnvironmentVariable("BJZ_UPDATE_GOLDEN") == "1")
            File.WriteAllBytes(path, document.Body);

        XsdErrors(document.Body).Should().BeEmpty();
        Encoding.UTF8.GetString(document.Body).Should().Be(File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_rejection_to_bjz_as_sender_says_by_when_to_re_route_and_where_to()
    {
        var xml = XDocument.Parse(Encoding.UTF8.GetString(Adapter.Render(NeverLetGoMails.RerouteAfterRejection(Bjz)).Body));

        var reroute = xml.Root!.Element(Ns + "Doorverwijzen")!;
        reroute.Element(Ns + "UiterlijkOp")!.Value.Should().Be("2027-02-08T10:00:00+01:00");
        reroute.Element(Ns + "VoorgesteldeOrganisatieId")!.Value.Should().Be("gemeente-tilburg");
    }

    [Fact]
    public void An_escalation_on_request_names_its_id_reason_and_acknowledgement_date_and_says_it_is_sent_again()
    {
        var root = XDocument.Parse(Encoding.UTF8.GetString(Adapter.Render(NeverLetGoMails.EscalationRenotice(Bjz)).Body)).Root!;

        root.Element(Ns + "Termijn")!.Value.Should().Be("verzoek");
        root.Element(Ns + "EscalatieId")!.Value.Should().Be("2a7f6e8d-9cab-4a1f-84d3-2c1b0a9f8e76");
        root.Element(Ns + "Reden")!.Value.Should().Be("geen-capaciteit");
        root.Element(Ns + "BevestigenVoor")!.Value.Should().Be("2027-01-29T14:00:00+01:00");
        root.Element(Ns + "Herinnering")!.Value.Should().Be("true");
    }

    [Theory]
    [InlineData("delivery", "aflevering")]
    [InlineData("reroute", "doorverwijzing")]
    [InlineData("waiting", "wachtlijst")]
    [InlineData("request", "verzoek")]
    public void Every_deadline_kind_that_can_escalate_renders_valid(string kind, string termijn)
    {
        var mail = NeverLetGoMails.EscalationRenotice(Bjz) with { Escalation = NeverLetGoMails.EscalationRenotice(Bjz).Escalation! with { DeadlineKind = kind, Reason = null } };

        var document = Adapter.Render(mail);

        XsdErrors(document.Body).Should().BeEmpty();
        XDocument.Parse(Encoding.UTF8.GetString(document.Body)).Root!.Element(Ns + "Termijn")!.Value.Should().Be(termijn);
    }

    [Theory]
    [InlineData(NoticeKinds.TransitionPlanNeeded)]
    [InlineData(NoticeKinds.AcknowledgementOverdue)]
    [InlineData(NoticeKinds.ComplianceOverdue)]
    [InlineData("match")]
    public void Every_notice_kind_renders_valid_a_later_one_under_its_own_name(string kind)
    {
        var mail = NeverLetGoMails.Decision(Bjz) with { Notice = NeverLetGoMails.Decision(Bjz).Notice! with { Kind = kind } };

        XsdErrors(Adapter.Render(mail).Body).Should().BeEmpty();
    }

    [Fact]
    public void A_refused_retour_names_paths_and_quotes_no_value()
    {
        var body = Encoding.UTF8.GetString(Adapter.Render(NeverLetGoMails.RetourRefused(Bjz, "BJZ-2027-000124", "/Overdracht/Jeugdige/BSN")).Body);

        body.Should().Contain("<Status>afgekeurd</Status>").And.Contain("<Waarde>8001</Waarde>").And.Contain("<Pad>/Overdracht/Jeugdige/BSN</Pad>")
            .And.Contain("<ReferentieBerichtId>BJZ-2027-000124</ReferentieBerichtId>");
        body.Should().NotContain("<OverdrachtId>", "a refused message made no handover");
    }
}
