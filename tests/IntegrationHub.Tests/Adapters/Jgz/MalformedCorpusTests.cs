using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Validation;
using static IntegrationHub.Tests.Adapters.Jgz.JgzTestKit;

namespace IntegrationHub.Tests.Adapters.Jgz;

/// <summary>Bad input of every kind gives problems that name the FHIR element and why; nothing throws.</summary>
public class MalformedCorpusTests
{
    const string PatientPath = "Bundle.entry[2].resource";

    static JsonObject Bundle() => GoldenObject("inbound-handover-kevin.bundle.json");

    static JsonObject Resource(JsonObject bundle, int entry) => bundle["entry"]![entry]!["resource"]!.AsObject();

    static InboundResult ReadBytes(byte[] body, string? contentType = "application/fhir+json") => Adapter.Read(body, contentType, Context);

    static ValidationProblem OnlyProblem(InboundResult result, bool malformed)
    {
        result.IsValid.Should().BeFalse();
        result.Messages.Should().BeEmpty();
        result.Malformed.Should().Be(malformed);
        return result.Problems.Should().ContainSingle().Subject;
    }

    // --- unreadable bytes (400) ---

    [Fact]
    public void Truncated_json()
    {
        var bytes = Encoding.UTF8.GetBytes(Golden("inbound-handover-kevin.bundle.json"));
        var problem = OnlyProblem(ReadBytes(bytes[..(bytes.Length / 2)]), malformed: true);
        problem.Path.Should().Be("/");
        problem.Reason.Should().Contain("is not valid JSON");
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Golden("inbound-handover-kevin.bundle.json"))).ToArray();
        OnlyProblem(ReadBytes(bytes), malformed: true).Reason.Should().Contain("UTF-8").And.Contain("UTF-16");
    }

    [Fact]
    public void Utf16_without_a_byte_order_mark()
    {
        var bytes = Encoding.BigEndianUnicode.GetBytes(Golden("inbound-handover-kevin.bundle.json"));
        OnlyProblem(ReadBytes(bytes), malformed: true).Reason.Should().Contain("UTF-16");
    }

    [Fact]
    public void Latin1_bytes()
    {
        var bytes = Encoding.Latin1.GetBytes(Golden("inbound-handover-kevin.bundle.json"));
        var problem = OnlyProblem(ReadBytes(bytes), malformed: true);
        problem.Reason.Should().Contain("not valid UTF-8").And.Contain("0xEF");
    }

    [Fact]
    public void A_body_over_the_limit_is_refused_before_parsing()
    {
        var body = new byte[50 * 1024 * 1024];
        Array.Fill(body, (byte)' ');
        body[0] = (byte)'{';

        var problem = OnlyProblem(ReadBytes(body), malformed: true);

        problem.Path.Should().Be("/");
        problem.Reason.Should().Contain("52428800 bytes").And.Contain($"at most {Context.MaxBodyBytes}");
    }

    [Fact]
    public void Json_nested_deeper_than_64()
    {
        var deep = """{ "resourceType": "Task", "note": """ + new string('[', 100) + new string(']', 100) + "}";
        OnlyProblem(Read(deep), malformed: true).Reason.Should().Contain("deeper than 64");
    }

    [Theory]
    [InlineData("application/fhir+xml")]
    [InlineData("application/fhir+json; charset=iso-8859-1")]
    public void Content_types_other_than_fhir_json(string contentType)
    {
        OnlyProblem(Read(Golden("inbound-handover-kevin.bundle.json"), contentType), malformed: true).Reason.Should().Contain("not accepted");
    }

    [Fact]
    public void An_empty_body() => OnlyProblem(ReadBytes([]), malformed: true).Reason.Should().Contain("empty");

    // --- readable but not a message the hub accepts (422) ---

    [Fact]
    public void A_resource_of_the_wrong_type()
    {
        var problem = OnlyProblem(Read(Resource(Bundle(), 2).DeepClone()), malformed: false);
        problem.Path.Should().Be("resourceType");
        problem.Reason.Should().Contain("Patient is not accepted");
    }

    [Fact]
    public void A_json_array_instead_of_a_resource() =>
        OnlyProblem(Read("[1, 2]"), malformed: false).Path.Should().Be("resourceType");

    [Fact]
    public void A_bundle_of_a_type_the_adapter_does_not_take()
    {
        var bundle = Bundle();
        bundle["type"] = "searchset";
        OnlyProblem(Read(bundle), malformed: false).Path.Should().Be("Bundle.type");
    }

    [Fact]
    public void An_entry_without_resource_type()
    {
        var bundle = Bundle();
        Resource(bundle, 5).Remove("resourceType");
        OnlyProblem(Read(bundle), malformed: false).Path.Should().Be("Bundle.entry[5].resource.resourceType");
    }

    [Fact]
    public void A_missing_bsn_identifier_is_reported_once_at_the_patient_identifiers()
    {
        var bundle = Bundle();
        Resource(bundle, 2)["identifier"]!.AsArray().RemoveAt(1);

        var problem = OnlyProblem(Read(bundle), malformed: false);

        problem.Path.Should().Be($"{PatientPath}.identifier");
        problem.Reason.Should().Contain("http://fhir.nl/fhir/NamingSystem/bsn");
    }

    [Fact]
    public void A_bsn_failing_the_eleven_check()
    {
        var bundle = Bundle();
        Resource(bundle, 2)["identifier"]![1]!["value"] = "123456789";

        var problem = OnlyProblem(Read(bundle), malformed: false);

        problem.Path.Should().Be($"{PatientPath}.identifier[1].value");
        problem.Reason.Should().Contain("11-check");
    }

    [Fact]
    public void A_bsn_of_the_wrong_form()
    {
        var bundle = Bundle();
        Resource(bundle, 2)["identifier"]![1]!["value"] = "1234-5678";
        OnlyProblem(Read(bundle), malformed: false).Path.Should().Be($"{PatientPath}.identifier[1].value");
    }

    [Fact]
    public void An_unknown_receiving_agency()
    {
        var bundle = Bundle();
        Resource(bundle, 4)["identifier"]![0]!["value"] = "bjz-atlantis";

        var problem = OnlyProblem(Read(bundle), malformed: false);

        problem.Path.Should().Be("Bundle.entry[4].resource.identifier[0].value");
        problem.Reason.Should().Contain("is not in the hub's agency directory");
    }

    [Fact]
    public void An_organization_without_the_agency_identifier()
    {
        var bundle = Bundle();
        Resource(bundle, 3)["identifier"]!.AsArray().RemoveAt(1);

        var problem = OnlyProblem(Read(bundle), malformed: false);

        problem.Path.Should().Be("Bundle.entry[3].resource.identifier");
        problem.Reason.Should().Contain("urn:integrationhub:agency");
    }

    [Theory]
    [InlineData("12-04-2016", "is not a valid FHIR date")]
    [InlineData("2016-04", "partial date")]
    [InlineData("2016-02-30", "is not a valid FHIR date")]
    public void Unparseable_or_partial_birth_dates(string birthDate, string reason)
    {
        var bundle = Bundle();
        Resource(bundle, 2)["birthDate"] = birthDate;

        var problem = OnlyProblem(Read(bundle), malformed: false);

        problem.Path.Should().Be($"{PatientPath}.birthDate");
        problem.Reason.Should().Contain(reason);
    }

    [Fact]
    public void A_birth_date_in_the_future()
    {
        var bundle = Bundle();
        Resource(bundle, 2)["birthDate"] = "2027-01-01";
        var problem = OnlyProblem(Read(bundle), malformed: false);
        problem.Path.Should().Be($"{PatientPath}.birthDate");
        problem.Reason.Should().Contain("future");
    }

    [Fact]
    public void A_birth_date_of_the_wrong_json_type()
    {
        var bundle = Bundle();
        Resource(bundle, 2)["birthDate"] = 20160412;
        OnlyProblem(Read(bundle), malformed: false).Path.Should().Be($"{PatientPath}.birthDate");
    }

    [Fact]
    public void A_patient_without_a_name()
    {
        var bundle = Bundle();
        Resource(bundle, 2).Remove("name");

        var problem = OnlyProblem(Read(bundle), malformed: false);

        problem.Path.Should().Be($"{PatientPath}.name");
        problem.Reason.Should().Contain("required");
    }

    [Fact]
    public void A_service_request_without_concerns()
    {
        var bundle = Bundle();
        Resource(bundle, 1).Remove("reasonCode");

        var problem = OnlyProblem(Read(bundle), malformed: false);

        problem.Path.Should().Be("Bundle.entry[1].resource.reasonCode");
        problem.Reason.Should().Contain("at least 1");
    }

    [Fact]
    public void A_concern_without_its_life_domain()
    {
        var bundle = Bundle();
        Resource(bundle, 1)["reasonCode"]![1]!.AsObject().Remove("coding");
        OnlyProblem(Read(bundle), malformed: false).Path.Should().Be("Bundle.entry[1].resource.reasonCode[1].coding");
    }

    [Fact]
    public void An_unknown_requested_action()
    {
        var bundle = Bundle();
        Resource(bundle, 1)["code"]!["coding"]![0]!["code"] = "therapy";
        OnlyProblem(Read(bundle), malformed: false).Path.Should().Be("Bundle.entry[1].resource.code.coding[0].code");
    }

    [Fact]
    public void An_unknown_priority()
    {
        var bundle = Bundle();
        Resource(bundle, 0)["priority"] = "whenever";
        OnlyProblem(Read(bundle), malformed: false).Path.Should().Be("Bundle.entry[0].resource.priority");
    }

    [Theory]
    [InlineData("Patient/nope", "does not resolve")]
    [InlineData("urn:uuid:0a6f4d3e-1c2b-4a59-8e7d-000000000004", "type Organization; expected Patient")]
    public void A_task_for_that_is_not_the_patient(string reference, string reason)
    {
        var bundle = Bundle();
        Resource(bundle, 0)["for"] = new JsonObject { ["reference"] = reference };

        var problem = OnlyProblem(Read(bundle), malformed: false);

        problem.Path.Should().Be("Bundle.entry[0].resource.for.reference");
        problem.Reason.Should().Contain(reason);
    }

    [Fact]
    public void No_consent_and_no_coded_legal_basis()
    {
        var bundle = Bundle();
        bundle["entry"]!.AsArray().RemoveAt(7);

        var problem = OnlyProblem(Read(bundle), malformed: false);

        problem.Path.Should().Be("Bundle.entry[0].resource.reasonCode");
        problem.Reason.Should().Contain("no legal basis");
    }

    [Fact]
    public void Without_consent_a_coded_legal_duty_is_the_basis()
    {
        var bundle = Bundle();
        bundle["entry"]!.AsArray().RemoveAt(7);
        Resource(bundle, 0)["reasonCode"] = JsonNode.Parse("""{ "coding": [ { "system": "urn:integrationhub:legal-basis", "code": "child-safety" } ], "text": "Meldcode stap 5" }""");

        var result = Read(bundle);

        result.Problems.Should().BeEmpty();
        var basis = JsonNode.Parse(result.Messages.Single().CanonicalJson)!["legalBasis"]!;
        basis["kind"]!.GetValue<string>().Should().Be("child-safety");
        basis["reference"]!.GetValue<string>().Should().Be("Meldcode stap 5");
    }

    [Fact]
    public void A_consent_that_is_not_active()
    {
        var bundle = Bundle();
        Resource(bundle, 7)["status"] = "draft";
        OnlyProblem(Read(bundle), malformed: false).Path.Should().Be("Bundle.entry[7].resource.status");
    }

    [Fact]
    public void A_consent_given_in_the_future()
    {
        var bundle = Bundle();
        Resource(bundle, 7)["dateTime"] = "2026-12-24T10:00:00+01:00";
        var problem = OnlyProblem(Read(bundle), malformed: false);
        problem.Path.Should().Be("Bundle.entry[7].resource.dateTime");
        problem.Reason.Should().Contain("future");
    }

    [Fact]
    public void A_fourteen_year_old_needs_their_own_consent_besides_the_parents()
    {
        var bundle = Bundle();
        Resource(bundle, 2)["birthDate"] = "2012-09-03";

        var problem = OnlyProblem(Read(bundle), malformed: false);

        problem.Path.Should().Be("Bundle.entry[7].resource.category");
        problem.Reason.Should().Contain("from 12");
    }

    [Fact]
    public void A_bundle_without_id_or_identifier()
    {
        var bundle = Bundle();
        bundle.Remove("id");
        bundle.Remove("identifier");
        OnlyProblem(Read(bundle), malformed: false).Path.Should().Be("Bundle.id");
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var bundle = Bundle();
        Resource(bundle, 2)["identifier"]![1]!["value"] = "123456789";
        Resource(bundle, 2)["birthDate"] = "2016";
        Resource(bundle, 4)["identifier"]![0]!["value"] = "bjz-atlantis";

        Read(bundle).Problems.Select(p => p.Path).Should().BeEquivalentTo(
            $"{PatientPath}.identifier[1].value", $"{PatientPath}.birthDate", "Bundle.entry[4].resource.identifier[0].value");
    }

    // --- modifiers: FHIR requires a reader to refuse what it does not understand ---

    [Fact]
    public void A_modifier_extension_deep_in_a_resource_is_refused_at_its_path()
    {
        var bundle = Bundle();
        Resource(bundle, 2)["contact"]![0]!["modifierExtension"] = JsonNode.Parse("""[ { "url": "http://vendor.example/fhir/no-contact", "valueBoolean": true } ]""");

        var problem = OnlyProblem(Read(bundle), malformed: false);

        problem.Path.Should().Be($"{PatientPath}.contact[0].modifierExtension[0]");
        problem.Reason.Should().Contain("modifier extension").And.NotContain("vendor.example");
    }

    [Fact]
    public void A_modifier_extension_on_a_contained_resource_is_refused()
    {
        var task = Task();
        task["contained"] = JsonNode.Parse("""
            [ { "resourceType": "Organization", "id": "bjz", "modifierExtension": [ { "url": "http://vendor.example/x", "valueCode": "inactive" } ],
                "identifier": [ { "system": "urn:integrationhub:agency", "value": "bjz-noord-brabant" } ] } ]
            """);
        task["owner"] = JsonNode.Parse("""{ "reference": "#bjz" }""");

        OnlyProblem(Read(task), malformed: false).Path.Should().Be("Task.contained[0].modifierExtension[0]");
    }

    [Fact]
    public void Implicit_rules_the_hub_does_not_know_are_refused()
    {
        var bundle = Bundle();
        Resource(bundle, 7)["implicitRules"] = "http://vendor.example/fhir/rules";

        OnlyProblem(Read(bundle), malformed: false).Path.Should().Be("Bundle.entry[7].resource.implicitRules");
    }

    // --- feedback ---

    static JsonObject Task() => GoldenObject("inbound-feedback-rejection.task.json");

    [Fact]
    public void Feedback_that_names_no_handover()
    {
        var task = Task();
        task["identifier"]!.AsArray().RemoveAt(1);
        OnlyProblem(Read(task), malformed: false).Path.Should().Be("Task.identifier");
    }

    [Fact]
    public void Feedback_with_a_handover_id_that_is_no_uuid()
    {
        var task = Task();
        task["identifier"]![1]!["value"] = "HO-42";
        OnlyProblem(Read(task), malformed: false).Path.Should().Be("Task.identifier[1].value");
    }

    [Fact]
    public void A_task_status_that_is_no_feedback()
    {
        var task = Task();
        task["status"] = "on-hold";
        var problem = OnlyProblem(Read(task), malformed: false);
        problem.Path.Should().Be("Task.status");
        problem.Reason.Should().Contain("neither a handover").And.Contain("nor feedback");
    }

    [Fact]
    public void A_rejection_without_a_reason()
    {
        var task = Task();
        task.Remove("statusReason");
        var problem = OnlyProblem(Read(task), malformed: false);
        problem.Path.Should().Be("Task.statusReason");
        problem.Reason.Should().Contain("required");
    }

    [Fact]
    public void Feedback_from_an_unknown_agency()
    {
        var task = Task();
        task["owner"]!["identifier"]!["value"] = "bjz-atlantis";
        OnlyProblem(Read(task), malformed: false).Path.Should().Be("Task.owner.identifier.value");
    }

    [Fact]
    public void Feedback_with_an_unparseable_last_modified()
    {
        var task = Task();
        task["lastModified"] = "23-11-2026 09:40";
        var problem = OnlyProblem(Read(task), malformed: false);
        problem.Path.Should().Be("Task.lastModified");
        problem.Reason.Should().Contain("is not a valid FHIR dateTime");
    }

    [Fact]
    public void Feedback_without_a_version_to_tell_status_changes_apart()
    {
        var task = Task();
        task.Remove("meta");
        task.Remove("lastModified");
        OnlyProblem(Read(task), malformed: false).Path.Should().Be("Task.meta.versionId");
    }

    [Fact]
    public void Feedback_whose_owner_reference_cannot_be_resolved()
    {
        var task = Task();
        task["owner"] = new JsonObject { ["reference"] = "Organization/bjz" };
        var problem = OnlyProblem(Read(task), malformed: false);
        problem.Path.Should().Be("Task.owner.reference");
        problem.Reason.Should().Contain("does not resolve");
    }

    [Theory]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF })]
    [InlineData(new byte[] { (byte)'{', (byte)'}' })]
    [InlineData(new byte[] { (byte)'n', (byte)'u', (byte)'l', (byte)'l' })]
    [InlineData(new byte[] { (byte)'"', (byte)'x', (byte)'"' })]
    public void Garbage_never_throws(byte[] body)
    {
        var result = ReadBytes(body);
        result.IsValid.Should().BeFalse();
        result.Problems.Should().NotBeEmpty();
    }
}
