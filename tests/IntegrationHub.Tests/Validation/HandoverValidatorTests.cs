using System.Text.Json.Nodes;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Tests.Support;
using IntegrationHub.Hub.Clock;

namespace IntegrationHub.Tests.Validation;

public class HandoverValidatorTests
{
    static readonly SimulatedClock Clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    static readonly HandoverValidator Validator = new(AgencyDirectory.LoadDemo(), Clock);

    static JsonObject Example() => JsonNode.Parse(RepoFiles.Read("docs", "examples", "handover-kevin-school-to-bjz.json"))!.AsObject();

    static IReadOnlyList<ValidationProblem> Problems(JsonNode doc) => Validator.Validate(doc.ToJsonString()).Report.Problems;

    [Fact]
    public void The_published_example_is_valid()
    {
        var outcome = Validator.Validate(Example().ToJsonString());
        outcome.Report.Problems.Should().BeEmpty();
        outcome.Document!.Subject.Bsn.Should().Be("123456782");
        outcome.Document.Receiver.AgencyId.Should().Be("bjz-noord-brabant");
    }

    [Fact]
    public void Bad_bsn_missing_legal_basis_and_unknown_receiver_are_all_reported_by_path()
    {
        var doc = Example();
        doc["subject"]!["bsn"] = "123456789";
        doc.Remove("legalBasis");
        doc["receiver"]!["agencyId"] = "bjz-nowhere";

        var problems = Problems(doc);

        problems.Select(p => p.Path).Should().BeEquivalentTo("/subject/bsn", "/legalBasis", "/receiver/agencyId");
        problems.Single(p => p.Path == "/subject/bsn").Reason.Should().Contain("11-check");
        problems.Single(p => p.Path == "/legalBasis").Reason.Should().Contain("required");
        problems.Single(p => p.Path == "/receiver/agencyId").Reason.Should().Contain("not in the hub's agency directory");
    }

    [Theory]
    [InlineData("123456782", true)]
    [InlineData("111222333", true)]
    [InlineData("123456789", false)]
    [InlineData("000000000", false)]
    [InlineData("12345678", false)]
    [InlineData("12345678a", false)]
    public void Bsn_eleven_check(string bsn, bool valid) => Bsn.PassesElevenCheck(bsn).Should().Be(valid);

    [Fact]
    public void A_birth_date_in_the_future_is_refused()
    {
        var doc = Example();
        doc["subject"]!["birthDate"] = "2027-01-01";
        Problems(doc).Should().ContainSingle(p => p.Path == "/subject/birthDate" && p.Reason.Contains("future"));
    }

    [Fact]
    public void A_sibling_with_an_invalid_bsn_is_located_by_index()
    {
        var doc = Example();
        doc["family"]!["siblings"]![0]!["bsn"] = "234567891";
        Problems(doc).Should().ContainSingle(p => p.Path == "/family/siblings/0/bsn");
    }

    [Fact]
    public void Sender_and_receiver_must_differ()
    {
        var doc = Example();
        doc["receiver"]!["agencyId"] = "school-de-regenboog";
        Problems(doc).Should().ContainSingle(p => p.Path == "/receiver/agencyId" && p.Reason.Contains("another agency"));
    }

    [Fact]
    public void Consent_needs_who_and_when()
    {
        var doc = Example();
        doc["legalBasis"] = new JsonObject { ["kind"] = "consent" };
        Problems(doc).Select(p => p.Path).Should().Contain(["/legalBasis/consentGivenBy", "/legalBasis/consentDate"]);
    }

    [Fact]
    public void A_sixteen_year_old_must_consent_personally()
    {
        var doc = Example();
        doc["subject"]!["birthDate"] = "2009-01-01";
        Problems(doc).Should().ContainSingle(p => p.Path == "/legalBasis/consentGivenBy" && p.Reason.Contains("from 16"));
    }

    [Fact]
    public void Under_twelve_the_parents_must_consent()
    {
        var doc = Example();
        doc["legalBasis"]!["consentGivenBy"] = new JsonArray("youth");
        Problems(doc).Should().ContainSingle(p => p.Path == "/legalBasis/consentGivenBy" && p.Reason.Contains("under 12"));
    }

    [Fact]
    public void Parental_consent_needs_a_guardian_with_parental_authority()
    {
        var withoutAuthority = Example();
        withoutAuthority["family"]!["guardians"]![0]!["hasAuthority"] = false;
        Problems(withoutAuthority).Should().ContainSingle(p => p.Path == "/family/guardians" && p.Reason.Contains("parental authority"));

        var noGuardians = Example();
        noGuardians.Remove("family");
        Problems(noGuardians).Should().ContainSingle(p => p.Path == "/family/guardians");

        var otherBasis = Example();
        otherBasis.Remove("family");
        otherBasis["legalBasis"] = new JsonObject { ["kind"] = "child-safety" };
        Problems(otherBasis).Should().BeEmpty("the child's safety needs no consent, so no guardian is asked for");
    }

    [Fact]
    public void Unknown_fields_wrong_enums_and_formats_are_named()
    {
        var doc = Example();
        doc["colour"] = "blue";
        doc["urgency"] = "whenever";
        doc["messageId"] = "not-a-uuid";
        doc["concerns"]![1]!["domain"] = "weather";
        doc["subject"]!["address"]!["postalCode"] = "5038ab";

        var paths = Problems(doc).Select(p => p.Path).ToList();

        paths.Should().Contain(["/colour", "/urgency", "/messageId", "/concerns/1/domain", "/subject/address/postalCode"]);
    }

    [Fact]
    public void Another_schema_version_is_refused_with_the_supported_one_named()
    {
        var doc = Example();
        doc["schemaVersion"] = "2.0";
        Problems(doc).Should().Contain(p => p.Path == "/schemaVersion" && p.Reason.Contains("1.0"));
    }

    [Theory]
    [InlineData("{\"schemaVersion\": ")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public void Not_an_object_is_one_problem_at_the_root(string json)
    {
        var problems = Validator.Validate(json).Report.Problems;
        problems.Should().ContainSingle().Which.Path.Should().Be("/");
    }
}
