using Hl7.Fhir.Model;

namespace IntegrationHub.Tests.Support;

/// <summary>An R4 invariant: its key, what it says, and its FHIRPath from the resource it applies to.</summary>
public sealed record FhirInvariant(string Key, string Human, string Expression);

/// <summary>
/// HL7 FHIR R4 (4.0.1) invariants of severity error for the resources and datatypes the hub emits,
/// copied from the specification's invariant tables (http://hl7.org/fhir/R4/&lt;resource&gt;.html#invs,
/// datatypes.html, element.html, extensibility.html, domainresource.html). An invariant whose context
/// is an element is written from the resource down (descendants().ofType(Period).all(...)), applied
/// only where its own expression would not be empty (ref-1 to local references, bdl-8 to entries with
/// a fullUrl), as a validator evaluates it per element; ref-1 is without its trace() calls. The narrative rules (txt-1, txt-2) are the strict parse's XHTML check instead.
/// </summary>
public static class FhirInvariants
{
    static readonly FhirInvariant[] Elements =
    [
        new("ele-1", "All FHIR elements must have a @value or children", "descendants().all(hasValue() or (children().count() > id.count()))"),
        new("ext-1", "Must have either extensions or value[x], not both", "descendants().ofType(Extension).all(extension.exists() != value.exists())"),
        new("per-1", "If present, start SHALL have a lower value than end", "descendants().ofType(Period).all(start.hasValue().not() or end.hasValue().not() or (start <= end))"),
        new("cpt-2", "A system is required if a value is provided.", "descendants().ofType(ContactPoint).all(value.empty() or system.exists())"),
    ];

    /// <summary>ref-1 resolves '#id' in the resource that holds the contained list: checked from there, not from a contained resource or a Bundle.</summary>
    static readonly FhirInvariant LocalReferences = new("ref-1", "SHALL have a contained resource if a local reference is provided",
        "descendants().ofType(Reference).where(reference.startsWith('#')).all(reference.substring(1) in %resource.contained.id)");

    static readonly FhirInvariant[] DomainResources =
    [
        new("dom-2", "If the resource is contained in another resource, it SHALL NOT contain nested Resources", "contained.contained.empty()"),
        new("dom-4", "If a resource is contained in another resource, it SHALL NOT have a meta.versionId or a meta.lastUpdated",
            "contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()"),
        new("dom-5", "If a resource is contained in another resource, it SHALL NOT have a security label", "contained.meta.security.empty()"),
    ];

    static readonly Dictionary<string, FhirInvariant[]> ByType = new()
    {
        ["Bundle"] =
        [
            new("bdl-1", "total only when a search or history", "total.empty() or (type = 'searchset') or (type = 'history')"),
            new("bdl-2", "entry.search only when a search", "entry.search.empty() or (type = 'searchset')"),
            new("bdl-3", "entry.request mandatory for batch/transaction/history, otherwise prohibited",
                "entry.all(request.exists() = (%resource.type = 'batch' or %resource.type = 'transaction' or %resource.type = 'history'))"),
            new("bdl-4", "entry.response mandatory for batch-response/transaction-response/history, otherwise prohibited",
                "entry.all(response.exists() = (%resource.type = 'batch-response' or %resource.type = 'transaction-response' or %resource.type = 'history'))"),
            new("bdl-5", "must be a resource unless there's a request or response", "entry.all(resource.exists() or request.exists() or response.exists())"),
            new("bdl-7", "FullUrl must be unique in a bundle, or else entries with the same fullUrl must have different meta.versionId (except in history bundles)",
                "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl&resource.meta.versionId).isDistinct()"),
            new("bdl-8", "fullUrl cannot be a version specific reference", "entry.where(fullUrl.exists()).all(fullUrl.contains('/_history/').not())"),
            new("bdl-9", "A document must have an identifier with a system and a value",
                "type = 'document' implies (identifier.system.exists() and identifier.value.exists())"),
            new("bdl-10", "A document must have a date", "type = 'document' implies (timestamp.hasValue())"),
            new("bdl-11", "A document must have a Composition as the first resource", "type = 'document' implies entry.first().resource.is(Composition)"),
            new("bdl-12", "A message must have a MessageHeader as the first resource", "type = 'message' implies entry.first().resource.is(MessageHeader)"),
        ],
        ["Consent"] =
        [
            new("ppc-1", "Either a Policy or PolicyRule", "policy.exists() or policyRule.exists()"),
            new("ppc-2", "IF Scope=privacy, there must be a patient",
                "patient.exists() or scope.coding.where(system='something' and code='patient-privacy').exists().not()"),
            new("ppc-3", "IF Scope=research, there must be a patient",
                "patient.exists() or scope.coding.where(system='something' and code='research').exists().not()"),
            new("ppc-4", "IF Scope=adr, there must be a patient", "patient.exists() or scope.coding.where(system='something' and code='adr').exists().not()"),
            new("ppc-5", "IF Scope=treatment, there must be a patient",
                "patient.exists() or scope.coding.where(system='something' and code='treatment').exists().not()"),
        ],
        ["Patient"] =
        [
            new("pat-1", "SHALL at least contain a contact's details or a reference to an organization",
                "contact.all(name.exists() or telecom.exists() or address.exists() or organization.exists())"),
        ],
        ["Task"] =
        [
            new("inv-1", "Last modified date must be greater than or equal to authored-on date.",
                "lastModified.exists().not() or authoredOn.exists().not() or lastModified >= authoredOn"),
        ],
        ["ServiceRequest"] = [new("prr-1", "orderDetail SHALL only be present if code is present", "orderDetail.empty() or code.exists()")],
        ["Organization"] = [new("org-1", "The organization SHALL at least have a name or an identifier, and possibly more than one", "(identifier.count() + name.count()) > 0")],
        ["AuditEvent"] = [new("sev-1", "Either a name or a query (NOT both)", "entity.all(name.empty() or query.empty())")],
        ["OperationOutcome"] = [],
    };

    public static IEnumerable<FhirInvariant> For(Resource resource, bool contained) =>
        Elements
            .Concat(contained || resource is Bundle ? [] : [LocalReferences])
            .Concat(resource is DomainResource ? DomainResources : [])
            .Concat(ByType.GetValueOrDefault(resource.TypeName) ?? []);
}
