using System.Xml.Linq;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Feedback;
using IntegrationHub.Contracts.Json;
using static IntegrationHub.Tests.Adapters.Bjz.BjzTestKit;

namespace IntegrationHub.Tests.Adapters.Bjz;

/// <summary>BRIEF §9 scenario 3: BJZ rejects a handover with a reason and names a better-suited agency.</summary>
public class BjzRejectionScenarioTests
{
    [Fact]
    public void Bjz_rejects_the_schools_handover_and_suggests_the_cjg()
    {
        // The hub delivers the school's handover to BJZ ...
        var delivered = XDocument.Parse(System.Text.Encoding.UTF8.GetString(Adapter.Render(BjzMails.Handover()).Body));
        var overdrachtId = delivered.Root!.Element(XName.Get("OverdrachtId", "urn:integrationhub:bjz:1.0"))!.Value;

        // ... and BJZ answers with an Afwijzing that names it.
        var rejection = Inbound("terugkoppeling-afwijzing.xml");
        rejection.Should().Contain($"<OverdrachtId>{overdrachtId}</OverdrachtId>");
        var result = Read(rejection);

        result.IsValid.Should().BeTrue();
        var feedback = result.Messages.Should().ContainSingle().Which.Should().BeOfType<InboundFeedback>().Subject;
        feedback.HandoverId.Should().Be(BjzMails.HandoverId);
        var document = System.Text.Json.JsonSerializer.Deserialize<FeedbackDocument>(feedback.CanonicalJson, HubJson.Options)!;
        document.Kind.Should().Be("rejection");
        document.By.AgencyId.Should().Be("bjz-noord-brabant");
        document.Reason.Should().StartWith("Geen indicatie nodig");
        document.SuggestedAgencyId.Should().Be("cjg-tilburg");
    }

    [Fact]
    public void A_rejection_may_leave_out_the_suggested_agency()
    {
        var xml = Inbound("terugkoppeling-afwijzing.xml").Replace("    <VoorgesteldeOrganisatieId>cjg-tilburg</VoorgesteldeOrganisatieId>\n", "");

        var result = Read(xml);

        result.IsValid.Should().BeTrue();
        Json(result.Messages.Single().CanonicalJson)["suggestedAgencyId"].Should().BeNull();
    }

    [Fact]
    public void A_rejection_with_an_empty_reason_is_refused_at_Reden()
    {
        var xml = System.Text.RegularExpressions.Regex.Replace(Inbound("terugkoppeling-afwijzing.xml"), "<Reden>[^<]*</Reden>", "<Reden></Reden>");

        var result = Read(xml);

        result.Messages.Should().BeEmpty();
        var problem = result.Problems.Should().ContainSingle().Subject;
        problem.Path.Should().Be("/Terugkoppeling/Afwijzing/Reden");
        problem.Reason.Should().Contain("actual length is less than the MinLength value");
    }
}
