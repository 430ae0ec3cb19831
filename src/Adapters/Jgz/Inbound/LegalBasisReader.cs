using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace IntegrationHub.Adapters.Jgz.Inbound;

/// <summary>
/// The legal basis for sharing (grondslag): consent, when a privacy Consent (in the message or
/// contained in the Task) is consent as FHIR means it (<see cref="ConsentRules"/>); else a legal duty or
/// the child's safety, coded with <see cref="JgzSystems.LegalBasis"/> on Task.reasonCode or
/// ServiceRequest.category. A Consent of another scope (an advance directive) is not about sharing and
/// is left alone. A current refusal (provision deny) outweighs any permit; only a legal duty or the
/// child's safety outweighs it.
/// </summary>
sealed class LegalBasisReader(ResourceIndex index, Translation t, TimeProvider clock)
{
    const string At = "/legalBasis";

    public JsonObject? Read(Located task, Located? serviceRequest, Located? subject)
    {
        var now = clock.GetUtcNow();
        var privacy = index.OfType<Consent>(task).Where(c => ConsentRules.IsPrivacy(c.As<Consent>())).ToList();
        var verdicts = privacy.Select(c => (Consent: c, WhyNot: ConsentRules.WhyNot(c, subject, index, now))).ToList();
        var valid = verdicts.Where(v => v.WhyNot is null).Select(v => v.Consent).ToList();
        var refusals = verdicts.Where(v => v.WhyNot?.Reason == ConsentRules.RefusesSharing).ToList();

        if (valid.Count > 0 && refusals.Count == 0)
            return FromConsents(valid);
        var (coded, present) = Coded(task, serviceRequest);
        if (coded is not null)
            return coded;
        if (privacy.Count > 0)
        {
            foreach (var (_, whyNot) in refusals.Count > 0 ? refusals : verdicts.Where(v => v.WhyNot is not null))
                t.Problem(whyNot!.Value.Path, whyNot.Value.Reason, At);
            return null;
        }
        if (present)
            return null;
        t.Problem($"{task.Path}.reasonCode",
            $"no legal basis for sharing: add an active privacy Consent that permits it, or a coding of system {JgzSystems.LegalBasis} (legal-obligation, child-safety)", At);
        return null;
    }

    /// <summary>
    /// A legal duty or the child's safety, coded on Task.reasonCode or ServiceRequest.category.
    /// Present says a coding is there at all; one with an unknown code is reported here, and gives no basis.
    /// </summary>
    (JsonObject? Basis, bool Present) Coded(Located task, Located? serviceRequest)
    {
        var taskReason = FhirValues.Find(task.As<FhirTask>().ReasonCode, JgzSystems.LegalBasis, $"{task.Path}.reasonCode");
        var category = serviceRequest is null ? null
            : FhirValues.Find(serviceRequest.As<ServiceRequest>().Category, JgzSystems.LegalBasis, $"{serviceRequest.Path}.category");
        if ((taskReason ?? category) is not var (coding, path))
            return (null, false);
        if (coding.Code is not { } kind || !JgzVocabulary.LegalBases.Contains(kind))
        {
            t.Problem($"{path}.code", $"is not a legal basis; expected one of {string.Join(", ", JgzVocabulary.LegalBases)} (consent comes as a Consent resource)", At);
            return (null, true);
        }
        var basis = new JsonObject { ["kind"] = kind };
        t.Source(At, path);
        t.Source($"{At}/kind", $"{path}.code");
        if (taskReason is not null && FhirValues.NonEmpty(task.As<FhirTask>().ReasonCode?.Text) is { } reference)
        {
            basis["reference"] = reference;
            t.Source($"{At}/reference", $"{task.Path}.reasonCode.text");
        }
        return (basis, true);
    }

    /// <summary>One or more valid Consents (the parents', the young person's): together they are the basis.</summary>
    JsonObject FromConsents(List<Located> consents)
    {
        var basis = new JsonObject { ["kind"] = "consent" };
        var first = consents[0];
        t.Source(At, first.Path);

        var givers = new List<string>();
        string? giversPath = null;
        foreach (var consent in consents)
            foreach (var (giver, path) in ConsentGivers.Of(consent, index))
            {
                givers.Add(giver);
                giversPath ??= path;
            }
        givers = givers.Distinct().Order(StringComparer.Ordinal).ToList();
        t.Source($"{At}/consentGivenBy", giversPath ?? $"{first.Path}.performer");
        if (givers.Count > 0)
            basis["consentGivenBy"] = new JsonArray(givers.Select(g => (JsonNode)g).ToArray());
        else
            t.Problem($"{first.Path}.performer",
                "does not say who consented: the Patient (the young person) or a RelatedPerson (the parents) as performer, a provision.actor with role RESPRSN or datasubject, " +
                $"or a category of system {JgzSystems.ConsentGiver} (parents, youth)", $"{At}/consentGivenBy");

        // When consent was given: the latest of the consents' dates, the moment it became complete.
        var dates = consents.Select(ConsentDate).Where(d => d.Path is not null).ToList();
        if (dates.Count == 0)
            t.Source($"{At}/consentDate", $"{first.Path}.dateTime");
        foreach (var (day, path, why) in dates)
            if (day is null)
                t.Problem(path!, why!, $"{At}/consentDate");
        if (dates.Where(d => d.Day is not null).MaxBy(d => d.Day) is { Day: { } latest, Path: { } latestPath })
        {
            basis["consentDate"] = FhirValues.Format(latest);
            t.Source($"{At}/consentDate", latestPath);
        }
        if (consents.Select(c => FhirValues.Text(c.As<Consent>().PolicyRule)).FirstOrDefault(r => r is not null) is { } rule)
        {
            basis["reference"] = rule;
            t.Source($"{At}/reference", $"{first.Path}.policyRule");
        }
        return basis;
    }

    /// <summary>Consent.dateTime, else the start of its provision's period.</summary>
    static (DateOnly? Day, string? Path, string? Why) ConsentDate(Located consent)
    {
        var fhir = consent.As<Consent>();
        var (value, path) = fhir.DateTime is { } dateTime ? (dateTime, $"{consent.Path}.dateTime")
            : fhir.Provision?.Period?.Start is { } start ? (start, $"{consent.Path}.provision.period.start")
            : (null, null);
        if (value is null)
            return (null, null, null);
        var day = FhirValues.Day(value, out var why);
        return (day, path, why);
    }
}
