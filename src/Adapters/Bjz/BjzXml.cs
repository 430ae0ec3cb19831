using System.Xml.Linq;

namespace IntegrationHub.Adapters.Bjz;

/// <summary>The BJZ exchange format's namespace, version and message (root element) names.</summary>
static class BjzXml
{
    public const string NamespaceUri = "urn:integrationhub:bjz:1.0";
    public const string Version = "1.0";
    public static readonly XNamespace Ns = NamespaceUri;

    /// <summary>Handover (overdracht).</summary>
    public const string Handover = "Overdracht";
    /// <summary>Feedback (terugkoppeling).</summary>
    public const string Feedback = "Terugkoppeling";
    /// <summary>Escalation notice (escalatie); only the hub sends these.</summary>
    public const string Escalation = "Escalatie";
    /// <summary>A notice of the hub's own (melding); only the hub sends these.</summary>
    public const string Notice = "Melding";
    /// <summary>The hub's answer to a message BJZ sent (retourbericht); only the hub sends these.</summary>
    public const string Retour = "Retour";

    public static XElement E(string name, params object?[] content) => new(Ns + name, content);

    /// <summary>Optional elements are left out rather than written empty, so absent stays absent on the way back.</summary>
    public static XElement? Opt(string name, string? value) => value is null ? null : E(name, value);
}
