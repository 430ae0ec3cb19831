using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Schema;
using IntegrationHub.Adapters;
using IntegrationHub.Adapters.Bjz;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Hub.Clock;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Adapters.Bjz;

/// <summary>The adapter, a fixed hub context, golden files, and an XSD check independent of the adapter's own.</summary>
static class BjzTestKit
{
    // A BJZ system reading windows-1252 documents has this encoding; .NET needs the provider for it.
    static BjzTestKit() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static readonly BjzXmlAdapter Adapter = new();

    public static AdapterContext Context(int? maxBodyBytes = null, DateTimeOffset? now = null)
    {
        var context = new AdapterContext(AgencyDirectory.LoadDemo(), new SimulatedClock(now ?? Now));
        return maxBodyBytes is { } max ? context with { MaxBodyBytes = max } : context;
    }

    public static InboundResult Read(byte[] body, string? contentType = "application/xml") =>
        Adapter.Read(body, contentType, Context());

    public static InboundResult Read(string xml) => Read(System.Text.Encoding.UTF8.GetBytes(xml));

    public static string GoldenPath(string direction, string name) =>
        RepoFiles.Path("tests", "IntegrationHub.Tests", "Adapters", "Bjz", "Golden", direction, name);

    public static byte[] Golden(string direction, string name) => File.ReadAllBytes(GoldenPath(direction, name));

    public static string GoldenText(string direction, string name) => File.ReadAllText(GoldenPath(direction, name));

    /// <summary>A golden inbound document as text, for tests that change one element.</summary>
    public static string Inbound(string name) => GoldenText("inbound", name);

    public static JsonNode Json(string json) => JsonNode.Parse(json)!;

    /// <summary>Validates against docs/adapters/bjz.xsd as a BJZ system would, not through the adapter.</summary>
    public static IReadOnlyList<string> XsdErrors(byte[] document)
    {
        var schemas = new XmlSchemaSet { XmlResolver = null };
        using (var xsd = XmlReader.Create(RepoFiles.Path("docs", "adapters", "bjz.xsd")))
            schemas.Add("urn:integrationhub:bjz:1.0", xsd);
        var errors = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = schemas,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
        };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Exception.LineNumber}:{e.Exception.LinePosition} {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(document), settings);
        while (reader.Read()) { }
        return errors;
    }
}
