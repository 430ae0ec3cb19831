using System.Text.Json.Nodes;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Feedback;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Clock;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Validation;

/// <summary>
/// Issue 10 §1: dates the saga cannot live with are refused at intake. A care start with plannedEndDate
/// 0001-01-01 used to be accepted and then fault the saga (AddMonths overflow) nine times.
/// </summary>
public class DateRangeTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    static readonly SimulatedClock Clock = new(Now);

    static JsonObject CareStarted(string? plannedEndDate, string? at = null)
    {
        var doc = Messages.Feedback("care-started", "bjz-noord-brabant", at: at);
        if (plannedEndDate is not null)
            doc["plannedEndDate"] = plannedEndDate;
        return doc;
    }

    static IReadOnlyList<ValidationProblem> Problems(JsonObject feedback, IntakeLimits? limits = null) =>
        new FeedbackValidator(AgencyDirectory.LoadDemo(), Clock, limits).Validate(feedback.ToJsonString()).Report.Problems;

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("2026-11-22")]
    [InlineData("2026-11-23")]
    [InlineData("2036-11-24")]
    [InlineData("9999-12-31")]
    public void A_planned_end_not_after_the_start_of_care_or_beyond_ten_years_is_refused(string plannedEnd)
    {
        var problem = Problems(CareStarted(plannedEnd)).Should().ContainSingle().Subject;
        problem.Path.Should().Be("/plannedEndDate");
        problem.Reason.Should().NotContain(plannedEnd);
    }

    [Theory]
    [InlineData("2026-11-24")]
    [InlineData("2027-05-23")]
    [InlineData("2036-11-23")]
    public void A_planned_end_after_the_start_and_within_ten_years_is_accepted(string plannedEnd) =>
        Problems(CareStarted(plannedEnd)).Should().BeEmpty();

    [Fact]
    public void The_planned_end_is_measured_from_the_care_start_the_feedback_gives()
    {
        Problems(CareStarted("2026-11-20", at: "2026-11-19T09:00:00+01:00")).Should().BeEmpty();
        Problems(CareStarted("2026-11-19", at: "2026-11-19T09:00:00+01:00")).Should().ContainSingle(p => p.Path == "/plannedEndDate");
    }

    [Fact]
    public void The_horizon_is_configuration()
    {
        var limits = new IntakeLimits { PlannedEndHorizonYears = 2 };
        Problems(CareStarted("2029-01-01"), limits).Should().ContainSingle(p => p.Path == "/plannedEndDate" && p.Reason.Contains("2 years"));
    }

    [Fact]
    public void Feedback_more_than_the_skew_ahead_of_the_hub_is_in_the_future()
    {
        Problems(Messages.Feedback("receipt", "bjz-noord-brabant", at: Now.AddMinutes(4).ToString("O"))).Should().BeEmpty();
        Problems(Messages.Feedback("receipt", "bjz-noord-brabant", at: Now.AddMinutes(6).ToString("O")))
            .Should().ContainSingle(p => p.Path == "/at" && p.Reason.Contains("future"));
        Problems(Messages.Feedback("receipt", "bjz-noord-brabant", at: Now.AddMinutes(6).ToString("O")), new IntakeLimits { ClockSkew = TimeSpan.FromMinutes(10) })
            .Should().BeEmpty("the skew is configuration");
    }

    [Fact]
    public void Feedback_before_the_handover_was_submitted_is_refused()
    {
        var feedback = new FeedbackDocument { Kind = FeedbackKinds.Receipt, At = Now.AddHours(-2) };
        FeedbackDateRules.Check(feedback, submittedAt: Now.AddHours(-1), receiptAt: null, Now)
            .Should().ContainSingle(p => p.Path == "/at" && p.Reason.Contains("submitted"));
        FeedbackDateRules.Check(feedback with { At = Now.AddHours(-1).AddMinutes(-3) }, Now.AddHours(-1), null, Now)
            .Should().BeEmpty("a receiver's clock may run a few minutes behind the hub's");
        FeedbackDateRules.Check(feedback with { At = null }, Now.AddHours(-1), null, Now).Should().BeEmpty("no time given is the hub's now");
    }

    [Fact]
    public void Care_does_not_start_before_the_receipt()
    {
        var careStarted = new FeedbackDocument { Kind = FeedbackKinds.CareStarted, At = Now.AddDays(-2) };
        FeedbackDateRules.Check(careStarted, Now.AddDays(-5), receiptAt: Now.AddDays(-1), Now)
            .Should().ContainSingle(p => p.Path == "/at" && p.Reason.Contains("receipt"));
        FeedbackDateRules.Check(careStarted, Now.AddDays(-5), receiptAt: Now.AddDays(-3), Now).Should().BeEmpty();
        FeedbackDateRules.Check(careStarted, Now.AddDays(-5), receiptAt: null, Now).Should().BeEmpty("no receipt is known: care-started confirms it");
    }

    [Theory]
    [InlineData("1899-12-31", "/subject/birthDate")]
    [InlineData("0001-01-01", "/subject/birthDate")]
    [InlineData("2026-11-24", "/subject/birthDate")]
    public void Birth_dates_lie_between_1900_and_today(string birthDate, string path)
    {
        var doc = JsonNode.Parse(RepoFiles.Read("docs", "examples", "handover-kevin-school-to-bjz.json"))!.AsObject();
        doc["subject"]!["birthDate"] = birthDate;
        var problems = new HandoverValidator(AgencyDirectory.LoadDemo(), Clock).Validate(doc.ToJsonString()).Report.Problems;
        problems.Should().ContainSingle(p => p.Path == path).Which.Reason.Should().NotContain(birthDate);
        problems.Should().NotContain(p => p.Path == "/legalBasis/consentGivenBy", "no age is derived from an impossible birth date");
    }

    [Fact]
    public void A_sibling_born_before_1900_is_refused_by_index()
    {
        var doc = JsonNode.Parse(RepoFiles.Read("docs", "examples", "handover-kevin-school-to-bjz.json"))!.AsObject();
        doc["family"]!["siblings"]![0]!["birthDate"] = "1850-01-01";
        new HandoverValidator(AgencyDirectory.LoadDemo(), Clock).Validate(doc.ToJsonString()).Report.Problems
            .Should().ContainSingle(p => p.Path == "/family/siblings/0/birthDate");
    }
}
