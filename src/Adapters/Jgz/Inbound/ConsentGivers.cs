using Hl7.Fhir.Model;

namespace IntegrationHub.Adapters.Jgz.Inbound;

/// <summary>
/// Who consented (parents, the young person, or both), from what a Consent says about it: the hub's
/// consent-giver category, Consent.performer (who agrees: the Patient, or a RelatedPerson for the
/// parents), and provision.actor in a consenting role (nl-core's representative RESPRSN, or the data
/// subject itself).
/// </summary>
static class ConsentGivers
{
    const string Parents = "parents";
    const string Youth = "youth";

    public static IEnumerable<(string Giver, string Path)> Of(Located located, ResourceIndex index)
    {
        var consent = located.As<Consent>();
        for (var i = 0; i < consent.Category.Count; i++)
            foreach (var coding in consent.Category[i]?.Coding ?? [])
                if (coding?.System == JgzSystems.ConsentGiver && coding.Code is { } code && JgzVocabulary.ConsentGivers.Contains(code))
                    yield return (code, $"{located.Path}.category");

        for (var i = 0; i < consent.Performer.Count; i++)
            if (TypeOf(consent.Performer[i], located, index) switch { "Patient" => Youth, "RelatedPerson" => Parents, _ => null } is { } giver)
                yield return (giver, $"{located.Path}.performer");

        var actors = consent.Provision?.Actor ?? [];
        for (var i = 0; i < actors.Count; i++)
        {
            var role = actors[i]?.Role;
            var giver = FhirValues.Has(role, JgzSystems.V3RoleCode, "RESPRSN") ? Parents
                : FhirValues.Has(role, JgzSystems.SecurityRoleType, "datasubject") ? Youth
                : null;
            if (giver is not null)
                yield return (giver, $"{located.Path}.provision.actor");
        }
    }

    /// <summary>The type a reference points at: the resolved resource's, else what the reference says.</summary>
    static string? TypeOf(ResourceReference? reference, Located from, ResourceIndex index) =>
        reference?.Reference is { } target
            ? index.Resolve(target, from)?.Resource.TypeName ?? ResourceIndex.TypeAndId(target)?.Type
            : reference?.Type;
}
