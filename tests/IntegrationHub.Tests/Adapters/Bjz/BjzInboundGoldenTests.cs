using System.Text.Json.Nodes;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Validation;
using static IntegrationHub.Tests.Adapters.Bjz.BjzTestKit;

namespace IntegrationHub.Tests.Adapters.Bjz;

public class BjzInboundGoldenTests
{
    [Fact]
    public void The_adapter_is_bjz_speaking_bjz_xml()
    {
        Adapter.Name.Should().Be("bjz");
        Adapter.Format.Should().Be("bjz-xml");
    }

    [Theory]
    [InlineData("overdracht-bjz-naar-cjg")]
    [InlineData("terugkoppeling-afwijzing")]
    [InlineData("terugkoppeling-ontvangst")]
    [InlineData("terugkoppeling-start-zorg")]
    [InlineData("terugkoppeling-einde-zorg-windows-1252")]
    public void Golden_inbound_documents_are_valid_against_the_published_xsd(string name) =>
        XsdErrors(Golden("inbound", name + ".xml")).Should().BeEmpty();

    [Theory]
    [InlineData("overdracht-bjz-naar-cjg")]
    [InlineData("terugkoppeling-afwijzing")]
    [InlineData("terugkoppeling-ontvangst")]
    [InlineData("terugkoppeling-start-zorg")]
    [InlineData("terugkoppeling-einde-zorg-windows-1252")]
    public void Golden_inbound_documents_become_the_expected_canonical_json(string name)
    {
        var result = Read(Golden("inbound", name + ".xml"));

        result.Problems.Should().BeEmpty();
        result.Malformed.Should().BeFalse();
        var message = result.Messages.Should().ContainSingle().Subject;
        var expected = Json(GoldenText("inbound", name + ".json"));
        var actual = Json(message.CanonicalJson);
        JsonNode.DeepEquals(actual, expected).Should().BeTrue($"expected\n{expected}\nbut got\n{actual}");
    }

    [Fact]
    public void A_handover_becomes_an_inbound_handover_that_the_hub_validator_accepts()
    {
        var message = Read(Golden("inbound", "overdracht-bjz-naar-cjg.xml")).Messages.Single();

        message.Should().BeOfType<InboundHandover>();
        new HandoverValidator(Context().Agencies, Context().Clock).Validate(message.CanonicalJson).Report.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Feedback_names_the_handover_from_OverdrachtId()
    {
        var message = Read(Golden("inbound", "terugkoppeling-ontvangst.xml")).Messages.Single();

        message.Should().BeOfType<InboundFeedback>()
            .Which.HandoverId.Should().Be(Guid.Parse("7d3f1b52-8c1e-4a9b-b6a2-2f4e9d0c1a77"));
    }

    [Fact]
    public void The_message_id_is_derived_from_BerichtId_so_a_resend_is_recognised()
    {
        var first = Json(Read(Golden("inbound", "terugkoppeling-ontvangst.xml")).Messages.Single().CanonicalJson);
        var again = Json(Read(Golden("inbound", "terugkoppeling-ontvangst.xml")).Messages.Single().CanonicalJson);

        first["messageId"]!.GetValue<string>().Should()
            .Be(IntegrationHub.Adapters.DeterministicId.From("bjz", "BJZ-NB-2026-004699").ToString())
            .And.Be(again["messageId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/xml; charset=utf-8")]
    [InlineData("application/vnd.bjz+xml")]
    public void Xml_content_types_and_none_at_all_are_accepted(string? contentType) =>
        Read(Golden("inbound", "terugkoppeling-ontvangst.xml"), contentType).IsValid.Should().BeTrue();
}
