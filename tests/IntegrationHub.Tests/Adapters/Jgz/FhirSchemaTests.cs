using IntegrationHub.Tests.Support;
using System.Text.Json.Nodes;
using static IntegrationHub.Tests.Adapters.Jgz.JgzTestKit;

namespace IntegrationHub.Tests.Adapters.Jgz;

/// <summary>The FHIR schema check must be able to fail, or every "valid FHIR" assertion means nothing.</summary>
public class FhirSchemaTests
{
    [Fact]
    public void The_schema_is_the_pinned_file_the_script_fetches()
    {
        File.Exists(FhirSchema.Location).Should().BeTrue($"run bash scripts/fetch-fhir-schema.sh; looked at {FhirSchema.Location}");
        using var stream = File.OpenRead(FhirSchema.Location);
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream))
            .Should().Be("15b9548af6412c44faaa411456e0652542de286fd1c58ef882b09bdc8947909d");
    }

    [Fact]
    public void A_task_with_an_invented_status_and_element_is_rejected()
    {
        var task = JsonNode.Parse(Golden("outbound-feedback-rejection.task.json"))!.AsObject();
        FhirSchema.Violations(task.ToJsonString()).Should().BeEmpty();

        task["status"] = "bounced";
        task["handoverState"] = "rejected";

        FhirSchema.Violations(task.ToJsonString()).Should().NotBeEmpty();
    }

    [Fact]
    public void A_bundle_whose_patient_has_a_dutch_birth_date_is_rejected()
    {
        var bundle = JsonNode.Parse(Golden("outbound-handover-kevin.bundle.json"))!;
        var patient = bundle["entry"]!.AsArray().Select(e => e!["resource"]!).Single(r => r["resourceType"]!.GetValue<string>() == "Patient");
        patient["birthDate"] = "12-04-2016";

        FhirSchema.Violations(bundle.ToJsonString()).Should().NotBeEmpty();
    }

    [Fact]
    public void A_resource_of_a_made_up_type_is_rejected()
    {
        FhirSchema.Violations("""{ "resourceType": "Overdracht", "id": "x" }""").Should().NotBeEmpty();
        FhirSchema.Violations("""{ "resourceType": "Organization", "name": "JGZ Tilburg" }""").Should().BeEmpty();
    }
}
