using System.Text.Json.Nodes;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Tests.Support;
using IntegrationHub.Hub.Clock;

namespace IntegrationHub.Tests.Validation;

public class FeedbackValidatorTests
{
    static readonly FeedbackValidator Validator = new(AgencyDirectory.LoadDemo(), new SimulatedClock(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("feedback-receipt.json")]
    [InlineData("feedback-rejection.json")]
    public void Published_examples_are_valid(string file) =>
        Validator.Validate(RepoFiles.Read("docs", "examples", file)).Report.Problems.Should().BeEmpty();

    [Fact]
    public void A_rejection_needs_a_reason_and_a_known_suggested_agency()
    {
        var doc = JsonNode.Parse(RepoFiles.Read("docs", "examples", "feedback-rejection.json"))!.AsObject();
        doc.Remove("reason");
        doc["suggestedAgencyId"] = "cjg-atlantis";

        var paths = Validator.Validate(doc.ToJsonString()).Report.Problems.Select(p => p.Path);

        paths.Should().BeEquivalentTo("/reason", "/suggestedAgencyId");
    }

    [Fact]
    public void Feedback_from_an_unknown_agency_is_refused()
    {
        var doc = JsonNode.Parse(RepoFiles.Read("docs", "examples", "feedback-receipt.json"))!.AsObject();
        doc["by"]!["agencyId"] = "bjz-elsewhere";
        Validator.Validate(doc.ToJsonString()).Report.Problems.Should().ContainSingle(p => p.Path == "/by/agencyId");
    }
}
