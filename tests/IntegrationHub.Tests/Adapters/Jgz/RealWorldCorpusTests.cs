using System.Text.Json.Nodes;
using IntegrationHub.Adapters;
using IntegrationHub.Tests.Support;
using static IntegrationHub.Tests.Adapters.Jgz.JgzTestKit;

namespace IntegrationHub.Tests.Adapters.Jgz;

/// <summary>
/// Messages shaped after HL7's published R4 examples and Nictiz's nl-core examples (Corpus/README.md
/// says which), read as the adapter must read them. The first five cases are the ones the hand-written
/// adapter got wrong; every refusal names the FHIR element, never its value.
/// </summary>
public class RealWorldCorpusTests
{
    public static TheoryData<string> Files => new(Directory.GetFiles(CorpusPath()).Where(f => f.EndsWith(".json", StringComparison.Ordinal)).Select(Path.GetFileName)!);

    static string CorpusPath(params string[] file) => RepoFiles.Path(["tests", "IntegrationHub.Tests", "Adapters", "Jgz", "Corpus", .. file]);

    static JsonObject File(string name) => JsonNode.Parse(System.IO.File.ReadAllText(CorpusPath(name)))!.AsObject();

    static JsonObject Handover(JsonNode message)
    {
        var result = Read(message);
        result.Problems.Should().BeEmpty();
        return JsonNode.Parse(result.Messages.Should().ContainSingle().Which.Should().BeOfType<InboundHandover>().Subject.CanonicalJson)!.AsObject();
    }

    static IntegrationHub.Contracts.Validation.ValidationProblem Refusal(JsonNode message)
    {
        var result = Read(message);
        result.Messages.Should().BeEmpty();
        result.Malformed.Should().BeFalse();
        return result.Problems.Should().ContainSingle().Subject;
    }

    /// <summary>Inputs are held to R4 by the SDK's strict parse, its validation and the invariants; the JSON schema is for what the hub emits.</summary>
    [Theory, MemberData(nameof(Files))]
    public void Every_file_is_valid_fhir_r4(string name) =>
        FhirConformance.Violations(System.IO.File.ReadAllText(CorpusPath(name)), withSchema: false).Should().BeEmpty();

    [Fact]
    public void A_referral_with_the_parents_privacy_consent_is_a_handover()
    {
        var doc = Handover(File("handover-consent-permit.bundle.json"));

        doc["sender"]!["agencyId"]!.GetValue<string>().Should().Be("jgz-tilburg");
        doc["sender"]!["professional"]!["name"]!.GetValue<string>().Should().Be("J.H.R. Peters");
        doc["sender"]!["professional"]!["role"]!.GetValue<string>().Should().Be("Jeugdarts");
        doc["receiver"]!["agencyId"]!.GetValue<string>().Should().Be("bjz-noord-brabant");
        doc["legalBasis"]!.ToJsonString().Should().Be("""{"kind":"consent","consentGivenBy":["parents"],"consentDate":"2026-11-20"}""");
        var subject = doc["subject"]!;
        subject["bsn"]!.GetValue<string>().Should().Be("111222333");
        subject["givenName"]!.GetValue<string>().Should().Be("Johanna Petronella Maria");
        subject["familyName"]!.GetValue<string>().Should().Be("van Putten");
        subject["address"]!.ToJsonString().Should().Be("""{"street":"1e Jacob van Campenstr","houseNumber":"15","postalCode":"1012 NX","city":"Hoogmade"}""");
        doc["family"]!["guardians"]![0]!["relationship"]!.GetValue<string>().Should().Be("mother");
        doc["concerns"]!.AsArray().Select(c => c!["domain"]!.GetValue<string>()).Should().Equal("health", "family");
    }

    [Fact]
    public void A_parent_consents_only_with_parental_authority_coded_on_the_contact()
    {
        var doc = Handover(File("handover-consent-permit.bundle.json"));
        doc["family"]!["guardians"]![0]!["hasAuthority"]!.GetValue<bool>().Should().BeTrue("nl-core role 24 Wettelijke vertegenwoordiger");

        var motherOnly = File("handover-consent-permit.bundle.json");
        var patient = motherOnly["entry"]!.AsArray().Select(e => e!["resource"]!).Single(r => r["resourceType"]!.GetValue<string>() == "Patient");
        var relationships = patient["contact"]![0]!["relationship"]!.AsArray();
        relationships.Remove(relationships.Single(r => r!["coding"]![0]!["code"]!.GetValue<string>() == "24"));

        var problem = Refusal(motherOnly);
        problem.Path.Should().EndWith(".resource.contact", "a mother code alone says nothing about parental authority (gezag)");
        problem.Reason.Should().Contain("parental authority");

        relationships.Add(JsonNode.Parse("""{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-RoleCode","code":"GUARD"}]}"""));
        Handover(motherOnly)["family"]!["guardians"]![0]!["hasAuthority"]!.GetValue<bool>().Should().BeTrue("v3 GUARD is a guardian by definition");
    }

    // --- the five misreadings ---

    [Fact]
    public void A_consent_whose_provision_denies_is_no_consent()
    {
        var problem = Refusal(File("handover-consent-deny.bundle.json"));

        problem.Path.Should().Be("Bundle.entry[8].resource.provision.type");
        problem.Reason.Should().Contain("denies sharing");
    }

    [Fact]
    public void A_consent_whose_period_has_ended_is_no_consent()
    {
        var problem = Refusal(File("handover-consent-expired.bundle.json"));

        problem.Path.Should().Be("Bundle.entry[8].resource.provision.period.end");
        problem.Reason.Should().Contain("no longer applies");
    }

    [Fact]
    public void A_modifier_extension_the_hub_does_not_understand_refuses_the_message()
    {
        var problem = Refusal(File("handover-modifier-extension.bundle.json"));

        problem.Path.Should().Be("Bundle.entry[1].resource.modifierExtension[0]");
        problem.Reason.Should().Contain("modifier extension");
    }

    [Fact]
    public void An_advance_directive_beside_the_privacy_consent_is_left_alone()
    {
        var doc = Handover(File("handover-advance-directive-and-consent.bundle.json"));

        doc["legalBasis"]!["kind"]!.GetValue<string>().Should().Be("consent");
        doc["legalBasis"]!["consentGivenBy"]!.AsArray().Select(g => g!.GetValue<string>()).Should().Equal("parents");
    }

    [Fact]
    public void An_advance_directive_is_no_privacy_consent_and_does_not_stand_in_the_way_of_a_legal_duty()
    {
        var doc = Handover(File("handover-advance-directive-legal-duty.bundle.json"));

        doc["legalBasis"]!.ToJsonString().Should().Be("""{"kind":"legal-obligation","reference":"Wet publieke gezondheid, art. 5"}""");
    }

    [Fact]
    public void A_requested_task_with_everything_contained_is_a_handover_on_its_own()
    {
        var doc = Handover(File("handover-all-contained.task.json"));

        doc["messageId"]!.GetValue<string>().Should().Be(DeterministicId.From("jgz", "jgz-verwijzing-2026-0118").ToString());
        doc["sender"]!["agencyId"]!.GetValue<string>().Should().Be("jgz-tilburg");
        doc["receiver"]!["agencyId"]!.GetValue<string>().Should().Be("bjz-noord-brabant");
        doc["subject"]!["bsn"]!.GetValue<string>().Should().Be("111222333");
        doc["legalBasis"]!["kind"]!.GetValue<string>().Should().Be("consent");
        doc["requestedAction"]!.GetValue<string>().Should().Be("assessment");
    }

    [Fact]
    public void A_requested_task_with_everything_contained_is_a_handover_in_a_bundle_too()
    {
        var doc = Handover(File("handover-all-contained.bundle.json"));

        doc["messageId"]!.GetValue<string>().Should().Be(DeterministicId.From("jgz", "jgz-bericht-0118").ToString());
        doc["subject"]!["familyName"]!.GetValue<string>().Should().Be("van Putten");
    }

    // --- around the five ---

    [Fact]
    public void A_refusal_gives_way_to_the_childs_safety()
    {
        var bundle = File("handover-consent-deny.bundle.json");
        bundle["entry"]![0]!["resource"]!["reasonCode"] = JsonNode.Parse(
            """{ "coding": [ { "system": "urn:integrationhub:legal-basis", "code": "child-safety" } ], "text": "Meldcode huiselijk geweld, stap 5" }""");

        Handover(bundle)["legalBasis"]!["kind"]!.GetValue<string>().Should().Be("child-safety");
    }

    [Fact]
    public void A_current_refusal_outweighs_another_permit()
    {
        var bundle = File("handover-consent-deny.bundle.json");
        var permit = File("handover-consent-permit.bundle.json")["entry"]![8]!.DeepClone().AsObject();
        permit["fullUrl"] = "urn:uuid:7d3c1f2a-5b6e-4c8d-9a0b-1c2d3e4f5099";
        bundle["entry"]!.AsArray().Add(permit);

        Refusal(bundle).Path.Should().Be("Bundle.entry[8].resource.provision.type");
    }

    [Fact]
    public void A_consent_about_another_child_is_no_consent_for_this_one()
    {
        var bundle = File("handover-consent-permit.bundle.json");
        bundle["entry"]![8]!["resource"]!["patient"] = new JsonObject { ["reference"] = "urn:uuid:7d3c1f2a-5b6e-4c8d-9a0b-1c2d3e4f5003" };

        Refusal(bundle).Path.Should().Be("Bundle.entry[8].resource.patient.reference");
    }

    [Fact]
    public void A_consent_that_starts_tomorrow_does_not_apply_yet()
    {
        var bundle = File("handover-consent-permit.bundle.json");
        bundle["entry"]![8]!["resource"]!["provision"]!["period"]!["start"] = "2026-11-24";

        Refusal(bundle).Path.Should().Be("Bundle.entry[8].resource.provision.period.start");
    }

    [Fact]
    public void A_consent_whose_period_ends_today_still_applies_today()
    {
        var bundle = File("handover-consent-permit.bundle.json");
        // FHIR's end includes its whole precision: a consent until 2026-11-23 lasts all of that day.
        bundle["entry"]![8]!["resource"]!["provision"]!["period"]!["end"] = "2026-11-23";

        Handover(bundle)["legalBasis"]!["kind"]!.GetValue<string>().Should().Be("consent");
    }

    [Fact]
    public void A_fourteen_year_olds_own_consent_and_her_parents_together_are_the_basis()
    {
        var doc = Handover(File("handover-consent-youth-and-parents.bundle.json"));

        doc["legalBasis"]!.ToJsonString().Should().Be("""{"kind":"consent","consentGivenBy":["parents","youth"],"consentDate":"2026-11-21"}""");
    }

    [Fact]
    public void An_in_progress_task_on_the_hubs_handover_is_feedback()
    {
        var result = Read(File("feedback-in-progress.task.json"));

        result.Problems.Should().BeEmpty();
        var feedback = result.Messages.Should().ContainSingle().Which.Should().BeOfType<InboundFeedback>().Subject;
        feedback.HandoverId.Should().Be(Guid.Parse("5b0e9a8c-2f61-4c7e-9d3a-7e1f0c2b4a60"));
        var doc = JsonNode.Parse(feedback.CanonicalJson)!;
        doc["kind"]!.GetValue<string>().Should().Be("care-started");
        doc["plannedEndDate"]!.GetValue<string>().Should().Be("2027-05-31");
        doc["by"]!["agencyId"]!.GetValue<string>().Should().Be("bjz-noord-brabant");
    }

    [Fact]
    public void A_requested_task_is_never_read_as_feedback_and_a_received_one_never_as_a_handover()
    {
        var task = File("handover-all-contained.task.json");
        task["status"] = "received";

        // Received is an answer: it must name the hub's handover, which this one does not.
        Refusal(task).Path.Should().Be("Task.identifier");
    }

    [Theory]
    [InlineData("handover-consent-deny.bundle.json")]
    [InlineData("handover-consent-expired.bundle.json")]
    [InlineData("handover-modifier-extension.bundle.json")]
    public void Refusals_name_elements_never_values(string name)
    {
        var json = System.IO.File.ReadAllText(CorpusPath(name));
        var reasons = string.Join("\n", Read(json).Problems.Select(p => p.Reason));

        foreach (var value in new[] { "111222333", "Putten", "Johanna", "2025-", "2026-", "deny", "OPTOUT", "alleen-na-overleg" })
            reasons.Should().NotContain(value);
    }
}
