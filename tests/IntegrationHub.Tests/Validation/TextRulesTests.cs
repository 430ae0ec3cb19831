using System.Text.Json.Nodes;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Clock;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Validation;

/// <summary>
/// Issue 10 §1 and issue 11 item 4: what a receiver's format cannot carry (XML 1.0, CSV) and what means
/// nothing is refused at intake, by path, in the canonical validation every channel shares.
/// </summary>
public class TextRulesTests
{
    static readonly SimulatedClock Clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    static readonly HandoverValidator Handovers = new(AgencyDirectory.LoadDemo(), Clock);
    static readonly FeedbackValidator Feedback = new(AgencyDirectory.LoadDemo(), Clock);

    static JsonObject Example() => JsonNode.Parse(RepoFiles.Read("docs", "examples", "handover-kevin-school-to-bjz.json"))!.AsObject();

    static IReadOnlyList<ValidationProblem> Problems(JsonNode doc) => Handovers.Validate(doc.ToJsonString()).Report.Problems;

    static JsonObject At(JsonObject doc, string pointer, string value)
    {
        var parts = pointer.Trim('/').Split('/');
        JsonNode node = doc;
        foreach (var part in parts[..^1])
            node = int.TryParse(part, out var i) ? node[i]! : node[part]!;
        if (node is JsonArray array)
            array[int.Parse(parts[^1])] = value;
        else
            node[parts[^1]] = value;
        return doc;
    }

    [Theory]
    [InlineData("/subject/givenName", "Ke\u0007vin", 0x07)]
    [InlineData("/subject/familyName", "Pieters\u0000dam", 0x00)]
    [InlineData("/concerns/0/description", "Withdrawn\u001b[31m", 0x1B)]
    [InlineData("/summary", "ZAT asks\u000b BJZ", 0x0B)]
    [InlineData("/subject/address/street", "Linden\u000cstraat", 0x0C)]
    [InlineData("/family/guardians/0/name", "S. Pietersdam\uFFFE", 0xFFFE)]
    [InlineData("/sender/professional/role", "zorg\uFFFFcoordinator", 0xFFFF)]
    public void A_character_xml_cannot_carry_is_refused_in_any_field_by_path_and_code(string path, string value, int code)
    {
        var problems = Problems(At(Example(), path, value));

        var problem = problems.Should().ContainSingle().Subject;
        problem.Path.Should().Be(path);
        problem.Reason.Should().Contain($"U+{code:X4}").And.NotContain(value);
    }

    [Fact]
    public void Tab_cr_and_lf_are_text()
    {
        var doc = At(Example(), "/concerns/0/description", "Line one\r\nLine\ttwo");
        Problems(doc).Should().BeEmpty();
    }

    [Theory]
    [InlineData("/subject/givenName", "Kev\u202Eniv")]           // right-to-left override
    [InlineData("/subject/familyName", "Pieters\u2066dam")]      // left-to-right isolate
    [InlineData("/family/siblings/0/givenName", "He\u200Bnk")]    // zero-width space
    [InlineData("/family/guardians/0/name", "\uFEFFS. Pietersdam")] // byte order mark
    [InlineData("/sender/professional/name", "M. de\u00AD Vries")] // soft hyphen
    [InlineData("/involvedProfessionals/0/professional/name", "J.\u200D Bakker")] // zero-width joiner next to a dot
    public void An_invisible_formatting_character_in_a_name_is_refused(string path, string value)
    {
        var problem = Problems(At(Example(), path, value)).Should().ContainSingle().Subject;

        problem.Path.Should().Be(path);
        problem.Reason.Should().Contain("Cf").And.NotContain(value);
    }

    [Fact]
    public void A_zero_width_non_joiner_between_letters_spells_a_persian_name()
    {
        // "Mohammadreza" in Persian script is written with a ZWNJ between its two parts.
        var doc = At(Example(), "/family/guardians/0/name", "محمد\u200Cرضا");
        Problems(doc).Should().BeEmpty();
    }

    [Fact]
    public void Formatting_characters_outside_names_are_the_senders_text()
    {
        var doc = At(Example(), "/concerns/0/description", "Moeder zegt: \u200F\u05E9\u05DC\u05D5\u05DD\u200F");
        Problems(doc).Should().BeEmpty();
    }

    [Theory]
    [InlineData("/sender/professional/role")]
    [InlineData("/sender/professional/phone")]
    [InlineData("/summary")]
    [InlineData("/subject/address/city")]
    [InlineData("/concerns/0/description")]
    [InlineData("/subject/givenName")]
    public void An_empty_or_blank_string_is_refused_by_path(string path)
    {
        foreach (var blank in new[] { "", "   " })
        {
            var problem = Problems(At(Example(), path, blank)).Should().ContainSingle(p => p.Path == path).Subject;
            problem.Reason.Should().NotBeEmpty();
        }
    }

    [Fact]
    public void An_empty_legal_basis_reference_is_refused()
    {
        var doc = Example();
        doc["legalBasis"]!["reference"] = "";
        Problems(doc).Should().ContainSingle(p => p.Path == "/legalBasis/reference");
    }

    [Theory]
    [InlineData("note", "")]
    [InlineData("note", " \t ")]
    [InlineData("outcome", "")]
    public void Empty_strings_in_feedback_are_refused(string field, string value)
    {
        var doc = JsonNode.Parse(RepoFiles.Read("docs", "examples", "feedback-receipt.json"))!.AsObject();
        doc[field] = value;
        Feedback.Validate(doc.ToJsonString()).Report.Problems.Should().ContainSingle(p => p.Path == "/" + field);
    }

    [Fact]
    public void An_empty_professional_role_in_feedback_is_refused()
    {
        var doc = JsonNode.Parse(RepoFiles.Read("docs", "examples", "feedback-receipt.json"))!.AsObject();
        doc["by"]!["professional"]!["role"] = "";
        Feedback.Validate(doc.ToJsonString()).Report.Problems.Should().ContainSingle(p => p.Path == "/by/professional/role");
    }

    [Fact]
    public void A_control_character_in_feedback_is_refused_by_path()
    {
        var doc = JsonNode.Parse(RepoFiles.Read("docs", "examples", "feedback-rejection.json"))!.AsObject();
        doc["reason"] = "No indication\u0002 needed";
        Feedback.Validate(doc.ToJsonString()).Report.Problems.Should().ContainSingle(p => p.Path == "/reason" && p.Reason.Contains("U+0002"));
    }

    [Theory]
    [InlineData("handover-kevin-school-to-bjz.json")]
    [InlineData("feedback-receipt.json")]
    [InlineData("feedback-rejection.json")]
    public void The_shared_contracts_examples_stay_valid(string file)
    {
        // docs/examples is the hub's copy of the shared contract's examples/, byte for byte.
        var json = RepoFiles.Read("docs", "examples", file);
        var report = file.StartsWith("handover", StringComparison.Ordinal) ? Handovers.Validate(json).Report : Feedback.Validate(json).Report;
        report.Problems.Should().BeEmpty();
    }

    [Theory]
    [InlineData("https://dms.regenboog.example/dossier/17.pdf", true)]
    [InlineData("HTTPS://dms.regenboog.example/dossier/17.pdf", true)]
    [InlineData("urn:uuid:6f1c2a8e-3b7d-4c2e-9a51-0d9e7f3b2a11", true)]
    [InlineData("http://dms.regenboog.example/dossier/17.pdf", false)]
    [InlineData("javascript:alert(document.cookie)", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=", false)]
    [InlineData("ftp://dms.regenboog.example/17.pdf", false)]
    public void Attachments_are_carried_onward_only_by_https_or_urn(string uri, bool accepted)
    {
        var doc = Example();
        doc["attachments"] = new JsonArray(new JsonObject
        {
            ["title"] = "Verslag ZAT", ["contentType"] = "application/pdf", ["uri"] = uri, ["sizeBytes"] = 1024, ["sha256"] = new string('a', 64),
        });

        var problems = Problems(doc);

        if (accepted)
            problems.Should().BeEmpty();
        else
            problems.Should().ContainSingle().Which.Should().Match<ValidationProblem>(p => p.Path == "/attachments/0/uri" && !p.Reason.Contains(uri));
    }
}
