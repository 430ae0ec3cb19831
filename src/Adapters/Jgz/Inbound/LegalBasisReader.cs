using System.Text.Json.Nodes;
using IntegrationHub.Adapters.Jgz.Fhir;

namespace IntegrationHub.Adapters.Jgz.Inbound;

/// <summary>
/// The legal basis for sharing (grondslag): an active Consent in the bundle, or else a coding of
/// <see cref="JgzSystems.LegalBasis"/> on Task.reasonCode or ServiceRequest.category.
/// </summary>
sealed class LegalBasisReader(ResourceIndex index, Translation t)
{
    const string At = "/legalBasis";

    public JsonObject? Read(Located task, Located? serviceRequest)
    {
        var consents = index.OfType<Consent>().ToList();
        if (consents.Count > 0)
            return FromConsent(consents);

        var taskReason = FhirValues.Find(task.As<FhirTask>().ReasonCode, JgzSystems.LegalBasis, $"{task.Path}.reasonCode");
        var category = serviceRequest is null ? null
            : FhirValues.Find(serviceRequest.As<ServiceRequest>().Category, JgzSystems.LegalBasis, $"{serviceRequest.Path}.category");
        if ((taskReason ?? category) is not (var coding, var path))
        {
            t.Problem($"{task.Path}.reasonCode",
                $"no legal basis for sharing: add an active Consent, or a coding of system {JgzSystems.LegalBasis} (legal-obligation, child-safety)", At);
            return null;
        }
        if (coding.Code is not { } kind || !JgzVocabulary.LegalBases.Contains(kind))
        {
            t.Problem($"{path}.code", $"'{coding.Code}' is not a legal basis; expected one of {string.Join(", ", JgzVocabulary.LegalBases)} (consent comes as a Consent resource)", At);
            return null;
        }
        var basis = new JsonObject { ["kind"] = kind };
        t.Source(At, path);
        t.Source($"{At}/kind", $"{path}.code");
        if (taskReason is not null && FhirValues.NonEmpty(task.As<FhirTask>().ReasonCode?.Text) is { } reference)
        {
            basis["reference"] = reference;
            t.Source($"{At}/reference", $"{task.Path}.reasonCode.text");
        }
        return basis;
    }

    JsonObject? FromConsent(List<Located> consents)
    {
        var located = consents.FirstOrDefault(c => c.As<Consent>().Status == "active");
        if (located is null)
        {
            var first = consents[0];
            t.Problem($"{first.Path}.status", $"'{first.As<Consent>().Status}': only an active Consent is a legal basis for sharing", At);
            return null;
        }
        var consent = located.As<Consent>();
        var basis = new JsonObject { ["kind"] = "consent" };
        t.Source(At, located.Path);

        var givers = Givers(consent, located);
        t.Source($"{At}/consentGivenBy", $"{located.Path}.category");
        if (givers.Count > 0)
            basis["consentGivenBy"] = new JsonArray(givers.Select(g => (JsonNode)g).ToArray());
        else
            t.Problem($"{located.Path}.category",
                $"does not say who consented: add a coding of system {JgzSystems.ConsentGiver} (parents, youth), or a performer that is the Patient or a RelatedPerson",
                $"{At}/consentGivenBy");

        t.Source($"{At}/consentDate", $"{located.Path}.dateTime");
        if (consent.DateTime is { } dateTime)
        {
            if (FhirValues.Day(dateTime, out var why) is { } day)
                basis["consentDate"] = FhirValues.Format(day);
            else
                t.Problem($"{located.Path}.dateTime", why!, $"{At}/consentDate");
        }
        if (FhirValues.Text(consent.PolicyRule) is { } rule)
        {
            basis["reference"] = rule;
            t.Source($"{At}/reference", $"{located.Path}.policyRule");
        }
        return basis;
    }

    /// <summary>Parents, the young person, or both: from our category codes and from who performed the consent.</summary>
    List<string> Givers(Consent consent, Located located)
    {
        var givers = new List<string>();
        foreach (var concept in consent.Category ?? [])
            foreach (var coding in concept?.Coding ?? [])
                if (coding?.System == JgzSystems.ConsentGiver && coding.Code is { } code && JgzVocabulary.ConsentGivers.Contains(code))
                    givers.Add(code);
        foreach (var performer in consent.Performer ?? [])
        {
            var type = performer?.Ref is { } target
                ? index.Resolve(target, located)?.Resource.TypeName ?? ResourceIndex.TypeAndId(target)?.Type
                : performer?.Type;
            if (type == "Patient")
                givers.Add("youth");
            else if (type == "RelatedPerson")
                givers.Add("parents");
        }
        return givers.Distinct().ToList();
    }
}
