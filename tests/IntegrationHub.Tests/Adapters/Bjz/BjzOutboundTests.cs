using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Tests.Support;
using static IntegrationHub.Tests.Adapters.Bjz.BjzTestKit;

namespace IntegrationHub.Tests.Adapters.Bjz;

public class BjzOutboundTests
{
    public static TheoryData<string> Goldens() => new()
    {
        "overdracht-aan-bjz", "terugkoppeling-start-zorg-aan-bjz", "escalatie-opgeschaald", "escalatie-opgelost",
    };

    static AgencyMail MailFor(string golden) => golden switch
    {
        "overdracht-aan-bjz" => BjzMails.Handover(),
        "terugkoppeling-start-zorg-aan-bjz" => BjzMails.Feedback(BjzMails.CareStarted),
        "escalatie-opgeschaald" => BjzMails.Escalation(resolved: false),
        "escalatie-opgelost" => BjzMails.Escalation(resolved: true),
        _ => throw new ArgumentOutOfRangeException(nameof(golden)),
    };

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Mail_to_bjz_renders_as_the_golden_document(string golden)
    {
        var document = Adapter.Render(MailFor(golden));
        var path = GoldenPath("outbound", golden + ".xml");
        // Set BJZ_UPDATE_GOLDEN=1 to rewrite the files after a deliberate format change; review the diff.
        if (Environment.GetEnvironmentVariable("BJZ_UPDATE_GOLDEN") == "1")
            File.WriteAllBytes(path, document.Body);

        document.ContentType.Should().Be("application/xml");
        Encoding.UTF8.GetString(document.Body).Should().Be(File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Every_golden_document_is_valid_against_the_xsd(string golden) =>
        XsdErrors(Adapter.Render(MailFor(golden)).Body).Should().BeEmpty();

    [Theory]
    [MemberData(nameof(BjzMails.EveryKind), MemberType = typeof(BjzMails))]
    public void Feedback_of_every_kind_renders_valid_against_the_xsd(string feedbackJson) =>
        XsdErrors(Adapter.Render(BjzMails.Feedback(feedbackJson)).Body).Should().BeEmpty();

    [Fact]
    public void A_rendered_handover_reads_back_as_the_same_canonical_handover()
    {
        var mail = BjzMails.Handover();

        var result = Adapter.Read(Adapter.Render(mail).Body, "application/xml", Context());

        result.Problems.Should().BeEmpty();
        var expected = Json(RepoFiles.Read("docs", "examples", "handover-kevin-school-to-bjz.json")).AsObject();
        expected["messageId"] = DeterministicId.From("bjz", mail.MailId.ToString()).ToString();
        expected["handoverId"] = mail.HandoverId.ToString();
        var actual = Json(result.Messages.Single().CanonicalJson);
        JsonNode.DeepEquals(actual, expected).Should().BeTrue($"expected\n{expected}\nbut got\n{actual}");
    }

    [Theory]
    [MemberData(nameof(BjzMails.EveryKind), MemberType = typeof(BjzMails))]
    public void Rendered_feedback_reads_back_as_the_same_canonical_feedback(string feedbackJson)
    {
        var mail = BjzMails.Feedback(feedbackJson);

        // Read back once it has happened: feedback from the future is refused.
        var result = Adapter.Read(Adapter.Render(mail).Body, "application/xml", Context(now: mail.At.AddDays(30)));

        result.Problems.Should().BeEmpty();
        var expected = Json(feedbackJson).AsObject();
        expected["messageId"] = DeterministicId.From("bjz", mail.MailId.ToString()).ToString();
        expected["handoverId"] = mail.HandoverId.ToString();
        // Feedback without its own moment is stamped with the mail's.
        expected["at"] ??= mail.At.ToString("yyyy-MM-dd'T'HH:mm:sszzz");
        var actual = Json(result.Messages.Single().CanonicalJson);
        actual["at"] = DateTimeOffset.Parse(actual["at"]!.GetValue<string>()).ToString("yyyy-MM-dd'T'HH:mm:sszzz");
        expected["at"] = DateTimeOffset.Parse(expected["at"]!.GetValue<string>()).ToString("yyyy-MM-dd'T'HH:mm:sszzz");
        JsonNode.DeepEquals(actual, expected).Should().BeTrue($"expected\n{expected}\nbut got\n{actual}");
    }

    [Fact]
    public void Mail_of_a_kind_the_format_cannot_carry_is_a_programming_error()
    {
        var mail = BjzMails.Handover() with { Kind = "newsletter" };

        FluentActions.Invoking(() => Adapter.Render(mail)).Should().Throw<ArgumentException>().WithMessage("*newsletter*");
    }

    [Fact]
    public void A_handover_mail_without_its_document_is_a_programming_error()
    {
        var mail = BjzMails.Handover() with { Handover = null };

        FluentActions.Invoking(() => Adapter.Render(mail)).Should().Throw<ArgumentException>().WithMessage("*carries no*");
    }
}
