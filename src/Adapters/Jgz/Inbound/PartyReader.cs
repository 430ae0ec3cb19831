using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace IntegrationHub.Adapters.Jgz.Inbound;

/// <summary>Agencies and professionals behind references: Organization, PractitionerRole, Practitioner.</summary>
sealed class PartyReader(ResourceIndex index, Translation t)
{
    /// <summary>Follows a reference that must land on one of <paramref name="types"/>; reports why not.</summary>
    public Located? Resolve(ResourceReference? reference, Located container, string referencePath, string? pointer, params string[] types)
    {
        if (reference?.Reference is not { } target)
            return null;
        var found = index.Resolve(target, container);
        if (found is null)
        {
            t.Problem($"{referencePath}.reference", "does not resolve to a resource in this message (an entry's fullUrl, Type/id or a contained #id)", pointer);
            return null;
        }
        if (!types.Contains(found.Resource.TypeName))
        {
            t.Problem($"{referencePath}.reference", $"points to a resource of type {found.Resource.TypeName}; expected {string.Join(" or ", types)}", pointer);
            return null;
        }
        return found;
    }

    /// <summary>
    /// The hub's agency id behind a reference: a logical reference (identifier with the agency system),
    /// or an Organization (directly or via PractitionerRole.organization) carrying that identifier.
    /// </summary>
    public string? AgencyId(ResourceReference reference, Located container, string referencePath, string pointer, out Located? role)
    {
        role = null;
        if (reference.Identifier is { System: JgzSystems.Agency } logical)
        {
            t.Source(pointer, $"{referencePath}.identifier.value");
            if (FhirValues.NonEmpty(logical.Value) is { } value)
                return value;
            t.Problem($"{referencePath}.identifier.value", "is required: the hub's agency id", pointer);
            return null;
        }
        if (reference.Reference is null)
        {
            t.Problem(referencePath, $"names no agency: reference an Organization or give an identifier with system {JgzSystems.Agency}", pointer);
            return null;
        }
        var found = Resolve(reference, container, referencePath, pointer, "Organization", "PractitionerRole");
        if (found?.Resource is PractitionerRole practitionerRole)
        {
            role = found;
            if (practitionerRole.Organization is not { } organization)
            {
                t.Problem($"{found.Path}.organization", "is required: the agency the professional works for", pointer);
                return null;
            }
            return AgencyId(organization, found, $"{found.Path}.organization", pointer, out _);
        }
        if (found?.Resource is not Organization org)
            return null;
        if (FhirValues.Identifier(org.Identifier, JgzSystems.Agency) is not var (id, i) || FhirValues.NonEmpty(id.Value) is not { } agencyId)
        {
            t.Problem($"{found.Path}.identifier", $"has no identifier with system {JgzSystems.Agency} (the hub's agency id)", pointer);
            return null;
        }
        t.Source(pointer, $"{found.Path}.identifier[{i}].value");
        return agencyId;
    }

    /// <summary>The professional (name, role, phone, email) of a Practitioner or PractitionerRole; null without a name.</summary>
    public JsonObject? Professional(Located who, string pointer)
    {
        var role = who.Resource as PractitionerRole;
        Located? practitioner = who;
        if (role is not null)
            practitioner = Resolve(role.Practitioner, who, $"{who.Path}.practitioner", null, "Practitioner");
        var person = practitioner?.Resource as Practitioner;

        var name = person?.Name is { Count: > 0 } names ? Display(names[0]) : FhirValues.NonEmpty(role?.Practitioner?.Display);
        if (name is null)
            return null;
        var result = new JsonObject { ["name"] = name };
        t.Source($"{pointer}/name", person is not null ? $"{practitioner!.Path}.name[0]" : $"{who.Path}.practitioner.display");
        if (role?.Code is { Count: > 0 } codes && FhirValues.Text(codes[0]) is { } roleText)
        {
            result["role"] = roleText;
            t.Source($"{pointer}/role", $"{who.Path}.code[0]");
        }
        AddTelecom(result, pointer, person?.Telecom, practitioner?.Path, ContactPoint.ContactPointSystem.Phone);
        AddTelecom(result, pointer, role?.Telecom, who.Path, ContactPoint.ContactPointSystem.Phone);
        AddTelecom(result, pointer, person?.Telecom, practitioner?.Path, ContactPoint.ContactPointSystem.Email);
        AddTelecom(result, pointer, role?.Telecom, who.Path, ContactPoint.ContactPointSystem.Email);
        return result;
    }

    void AddTelecom(JsonObject into, string pointer, List<ContactPoint>? telecom, string? path, ContactPoint.ContactPointSystem system)
    {
        var field = system.GetLiteral();
        if (into.ContainsKey(field) || telecom is null)
            return;
        for (var i = 0; i < telecom.Count; i++)
        {
            if (telecom[i]?.System == system && FhirValues.NonEmpty(telecom[i].Value) is { } value)
            {
                into[field] = value;
                t.Source($"{pointer}/{field}", $"{path}.telecom[{i}].value");
                return;
            }
        }
    }

    /// <summary>A name as people write it: the text when given, else given names then family name.</summary>
    public static string? Display(HumanName? name)
    {
        if (name is null)
            return null;
        if (FhirValues.NonEmpty(name.Text) is { } text)
            return text;
        var parts = name.Given.Append(name.Family).Select(FhirValues.NonEmpty).OfType<string>();
        var joined = string.Join(" ", parts);
        return joined.Length > 0 ? joined : null;
    }
}
