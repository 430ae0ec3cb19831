using System.Text.Json.Nodes;
using IntegrationHub.Adapters;
using static IntegrationHub.Tests.Adapters.Jgz.JgzTestKit;

namespace IntegrationHub.Tests.Adapters.Jgz;

public class FeedbackStatusTests
{
    static JsonObject Task(string status)
    {
        var task = GoldenObject("inbound-feedback-rejection.task.json");
        task["status"] = status;
        task.Remove("extension");
        if (status is not ("rejected" or "cancelled"))
            task.Remove("statusReason");
        return task;
    }

    static JsonNode Canonical(JsonNode task)
    {
        var result = Read(task);
        result.Problems.Should().BeEmpty();
        return JsonNode.Parse(result.Messages.Single().CanonicalJson)!;
    }

    [Theory]
    [InlineData("received", "receipt", "bjz-noord-brabant")]
    [InlineData("accepted", "care-started", "bjz-noord-brabant")]
    [InlineData("in-progress", "care-started", "bjz-noord-brabant")]
    [InlineData("completed", "care-ended", "bjz-noord-brabant")]
    [InlineData("rejected", "rejection", "bjz-noord-brabant")]
    [InlineData("cancelled", "withdrawal", "jgz-tilburg")]
    public void Each_task_status_is_its_feedback_kind_from_the_right_agency(string status, string kind, string by)
    {
        var doc = Canonical(Task(status));

        doc["kind"]!.GetValue<string>().Should().Be(kind);
        doc["by"]!["agencyId"]!.GetValue<string>().Should().Be(by);
        doc["handoverId"]!.GetValue<string>().Should().Be("5b0e9a8c-2f61-4c7e-9d3a-7e1f0c2b4a60");
        doc["at"]!.GetValue<string>().Should().Be("2026-11-23T09:40:00+01:00");
    }

    [Fact]
    public void An_in_progress_task_with_business_status_progress_is_a_progress_report()
    {
        var task = Task("in-progress");
        task["businessStatus"] = JsonNode.Parse("""{ "coding": [ { "system": "urn:integrationhub:feedback-kind", "code": "progress" } ] }""");
        task["note"] = JsonNode.Parse("""[ { "text": "Two home visits; mother accepts help." } ]""");

        var doc = Canonical(task);

        doc["kind"]!.GetValue<string>().Should().Be("progress");
        doc["note"]!.GetValue<string>().Should().Be("Two home visits; mother accepts help.");
    }

    [Fact]
    public void Care_started_carries_the_planned_end_and_care_ended_the_outcome()
    {
        var started = Task("accepted");
        started["executionPeriod"] = JsonNode.Parse("""{ "start": "2026-11-24", "end": "2027-05-31" }""");
        Canonical(started)["plannedEndDate"]!.GetValue<string>().Should().Be("2027-05-31");

        var ended = Task("completed");
        ended["note"] = JsonNode.Parse("""[ { "text": "Care ended as planned; family stable." } ]""");
        Canonical(ended)["outcome"]!.GetValue<string>().Should().Be("Care ended as planned; family stable.");
    }

    [Theory]
    [InlineData("Task/5b0e9a8c-2f61-4c7e-9d3a-7e1f0c2b4a60")]
    [InlineData("https://hub.example/fhir/Task/5b0e9a8c-2f61-4c7e-9d3a-7e1f0c2b4a60/_history/2")]
    public void The_handover_may_be_named_by_based_on_instead_of_identifier(string reference)
    {
        var task = Task("received");
        task["identifier"]!.AsArray().RemoveAt(1);
        task["basedOn"] = new JsonArray(new JsonObject { ["reference"] = reference });

        var result = Read(task);

        result.Problems.Should().BeEmpty();
        result.Messages.Single().Should().BeOfType<InboundFeedback>()
            .Which.HandoverId.Should().Be(Guid.Parse("5b0e9a8c-2f61-4c7e-9d3a-7e1f0c2b4a60"));
    }

    [Fact]
    public void A_bundle_with_just_tasks_gives_one_feedback_per_task()
    {
        var receipt = Task("received");
        var started = Task("in-progress");
        started["meta"]!["versionId"] = "4";
        var bundle = new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "collection",
            ["entry"] = new JsonArray(new JsonObject { ["resource"] = receipt }, new JsonObject { ["resource"] = started }),
        };

        var result = Read(bundle);

        result.Problems.Should().BeEmpty();
        result.Messages.Select(m => JsonNode.Parse(m.CanonicalJson)!["kind"]!.GetValue<string>())
            .Should().Equal("receipt", "care-started");
        result.Messages.Select(m => JsonNode.Parse(m.CanonicalJson)!["messageId"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void The_owner_may_be_a_contained_organization()
    {
        var task = Task("received");
        task["contained"] = JsonNode.Parse("""[ { "resourceType": "Organization", "id": "bjz", "identifier": [ { "system": "urn:integrationhub:agency", "value": "bjz-noord-brabant" } ] } ]""");
        task["owner"] = JsonNode.Parse("""{ "reference": "#bjz" }""");

        Canonical(task)["by"]!["agencyId"]!.GetValue<string>().Should().Be("bjz-noord-brabant");
    }
}
