using System.Text.Json.Nodes;
using static IntegrationHub.Tests.Adapters.Jgz.JgzTestKit;

namespace IntegrationHub.Tests.Adapters.Jgz;

/// <summary>Real systems write references every way FHIR allows; each gives the same handover.</summary>
public class ReferenceVariantTests
{
    static readonly string[] Ids = ["t1", "sr1", "p1", "org-jgz", "org-bjz", "pr1", "role1", "c1", "prov1"];

    static JsonObject Bundle() => GoldenObject("inbound-handover-kevin.bundle.json");

    static IEnumerable<JsonObject> Resources(JsonObject bundle) => bundle["entry"]!.AsArray().Select(e => e!["resource"]!.AsObject());

    /// <summary>Gives every entry an id and a server fullUrl, and rewrites each urn:uuid reference with <paramref name="rewrite"/>.</summary>
    static JsonObject WithServerIds(Func<string, string, string> rewrite, string fullUrlBase = "https://fhir.jgz-tilburg.example/fhir/")
    {
        var bundle = Bundle();
        var entries = bundle["entry"]!.AsArray();
        var byUrn = new Dictionary<string, (string Type, string Id)>();
        for (var i = 0; i < entries.Count; i++)
        {
            var resource = entries[i]!["resource"]!.AsObject();
            var type = resource["resourceType"]!.GetValue<string>();
            byUrn[entries[i]!["fullUrl"]!.GetValue<string>()] = (type, Ids[i]);
            resource["id"] = Ids[i];
            entries[i]!["fullUrl"] = $"{fullUrlBase}{type}/{Ids[i]}";
        }
        Rewrite(bundle, node => node is JsonValue v && v.TryGetValue<string>(out var s) && byUrn.TryGetValue(s, out var target)
            ? rewrite(target.Type, target.Id) : null);
        return bundle;
    }

    static void Rewrite(JsonNode? node, Func<JsonNode, string?> replacement)
    {
        if (node is JsonObject obj)
            foreach (var (key, child) in obj.ToList())
            {
                if (key == "reference" && child is not null && replacement(child) is { } value)
                    obj[key] = value;
                else
                    Rewrite(child, replacement);
            }
        else if (node is JsonArray array)
            foreach (var child in array)
                Rewrite(child, replacement);
    }

    static void ShouldGiveTheGoldenHandover(JsonObject bundle)
    {
        var result = Read(bundle);
        result.Problems.Should().BeEmpty();
        ShouldMatchGolden(result.Messages.Single().CanonicalJson, "inbound-handover-kevin.expected.json");
    }

    [Fact]
    public void Relative_references() => ShouldGiveTheGoldenHandover(WithServerIds((type, id) => $"{type}/{id}"));

    [Fact]
    public void Absolute_references() =>
        ShouldGiveTheGoldenHandover(WithServerIds((type, id) => $"https://fhir.jgz-tilburg.example/fhir/{type}/{id}"));

    [Fact]
    public void Absolute_references_with_a_version() =>
        ShouldGiveTheGoldenHandover(WithServerIds((type, id) => $"https://fhir.jgz-tilburg.example/fhir/{type}/{id}/_history/3"));

    [Fact]
    public void Relative_references_into_a_bundle_without_full_urls()
    {
        var bundle = WithServerIds((type, id) => $"{type}/{id}");
        foreach (var entry in bundle["entry"]!.AsArray())
            entry!.AsObject().Remove("fullUrl");
        ShouldGiveTheGoldenHandover(bundle);
    }

    [Fact]
    public void A_contained_patient_with_its_consent()
    {
        var bundle = Bundle();
        var entries = bundle["entry"]!.AsArray();
        var patient = entries[2]!["resource"]!.DeepClone().AsObject();
        patient["id"] = "p1";
        // A contained resource cannot be referenced from outside its container, so the Consent about
        // the contained child is contained too.
        var consent = entries[7]!["resource"]!.DeepClone().AsObject();
        consent["id"] = "c1";
        consent["patient"] = new JsonObject { ["reference"] = "#p1" };
        entries.RemoveAt(7);
        entries.RemoveAt(2);
        var task = entries[0]!["resource"]!.AsObject();
        task["contained"] = new JsonArray(patient, consent);
        task["for"] = new JsonObject { ["reference"] = "#p1" };

        var result = Read(bundle);

        result.Problems.Should().BeEmpty();
        ShouldMatchGolden(result.Messages.Single().CanonicalJson, "inbound-handover-kevin.expected.json");
    }

    [Fact]
    public void Agencies_as_logical_references_by_identifier()
    {
        var bundle = Bundle();
        var task = Resources(bundle).First();
        task["requester"] = JsonNode.Parse("""{ "type": "Organization", "identifier": { "system": "urn:integrationhub:agency", "value": "jgz-tilburg" } }""");
        task["owner"] = JsonNode.Parse("""{ "identifier": { "system": "urn:integrationhub:agency", "value": "bjz-noord-brabant" } }""");

        // The professional now comes from ServiceRequest.requester (the PractitionerRole).
        ShouldGiveTheGoldenHandover(bundle);
    }

    [Fact]
    public void Resource_type_need_not_come_first_and_narratives_profiles_and_extensions_are_ignored()
    {
        var bundle = Bundle();
        foreach (var resource in Resources(bundle))
        {
            var type = resource["resourceType"]!.GetValue<string>();
            resource.Remove("resourceType");
            resource["resourceType"] = type;
            // Not even valid XHTML: the hub never reads a narrative, and FHIR lets it not.
            resource["text"] = JsonNode.Parse("""{ "status": "generated", "div": "<div>no namespace <b>x</div>" }""");
            resource["meta"] = JsonNode.Parse("""{ "profile": [ "http://vendor.example/StructureDefinition/unknown" ], "security": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "code": "R" } ] }""");
            resource["extension"] = JsonNode.Parse("""[ { "url": "http://vendor.example/fhir/extension/x", "valueString": "vendor data" } ]""");
        }
        ShouldGiveTheGoldenHandover(bundle);
    }

    [Fact]
    public void An_element_fhir_does_not_define_is_refused_by_its_path()
    {
        var bundle = Bundle();
        Resources(bundle).ElementAt(2)["modifiedByVendorX"] = new JsonObject { ["deep"] = new JsonArray(1, 2, 3) };

        var result = Read(bundle);

        result.Messages.Should().BeEmpty();
        result.Problems.Should().ContainSingle().Which.Path.Should().Be("Bundle.entry[2].resource.modifiedByVendorX");
    }

    [Fact]
    public void A_collection_bundle_is_read_like_a_transaction()
    {
        var bundle = Bundle();
        bundle["type"] = "collection";
        foreach (var entry in bundle["entry"]!.AsArray())
            entry!.AsObject().Remove("request");
        ShouldGiveTheGoldenHandover(bundle);
    }
}
