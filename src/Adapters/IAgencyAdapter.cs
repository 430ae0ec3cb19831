using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Adapters;

/// <summary>
/// Translates one kind of agency system's own format to and from the hub's fixed format, so agencies
/// need not speak the hub's language. Inbound: the agency's bytes become canonical handovers and
/// feedback (validated again by the hub). Outbound: mail addressed to the agency becomes its format.
/// </summary>
public interface IAgencyAdapter
{
    /// <summary>The route segment of POST /api/adapters/{name}/messages: jgz, bjz, veiligheidshuis or school.</summary>
    string Name { get; }

    /// <summary>The <c>delivery.format</c> in the agency directory this adapter renders: jgz-fhir, bjz-xml, veiligheidshuis-json, school-csv.</summary>
    string Format { get; }

    /// <summary>
    /// Reads one inbound message. Never throws on bad input: a result with problems instead, each naming
    /// the field in the agency's own format and why. All-or-nothing: either every message or none.
    /// </summary>
    InboundResult Read(ReadOnlyMemory<byte> body, string? contentType, AdapterContext context);

    /// <summary>Renders mail addressed to an agency of this format.</summary>
    OutboundDocument Render(AgencyMail mail);
}
