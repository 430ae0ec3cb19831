using System.Text.Json.Nodes;
using System.Xml.Linq;
using IntegrationHub.Adapters.Bjz.Xml;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Adapters.Bjz.Inbound;

/// <summary>
/// Inbound in four gates, each of which can stop the message: safe to read (malformed otherwise),
/// a BJZ message, valid against bjz.xsd, and valid as a canonical message in the hub's directory and clock.
/// </summary>
static class BjzReader
{
    public static InboundResult Read(ReadOnlyMemory<byte> body, string? contentType, AdapterContext context)
    {
        if (!IsXml(contentType))
            return InboundResult.Unreadable("/", $"content type '{contentType}' is not XML; send application/xml");

        var loaded = HardenedXmlLoader.Load(body, context.MaxBodyBytes);
        if (loaded.Problem is { } unreadable)
            return new InboundResult { Malformed = true, Problems = [unreadable] };
        var root = loaded.Document!.Root!;
        return Translate(loaded.Document, root, context).WithSource(CanonicalWriter.Child(root, "BerichtId")?.Value.Trim());
    }

    static InboundResult Translate(XDocument document, XElement root, AdapterContext context)
    {
        if (root.Name.Namespace != BjzXml.Ns || root.Name.LocalName is not (BjzXml.Handover or BjzXml.Feedback or BjzXml.Escalation or BjzXml.Notice or BjzXml.Retour))
            return InboundResult.Invalid([new ValidationProblem(XmlPaths.Of(root),
                $"is not a BJZ message: expected <{BjzXml.Handover}> or <{BjzXml.Feedback}> in namespace {BjzXml.NamespaceUri}{XmlPaths.Where(root)}")]);
        if (root.Name.LocalName is BjzXml.Escalation or BjzXml.Notice or BjzXml.Retour)
            return InboundResult.Invalid([new ValidationProblem(XmlPaths.Of(root),
                $"a {root.Name.LocalName} is sent by the hub, not accepted from an agency; send an Overdracht or a Terugkoppeling")]);

        var schemaProblems = BjzSchema.Validate(document);
        if (schemaProblems.Count > 0)
            return InboundResult.Invalid(schemaProblems);

        var map = new SourceMap(root);
        var writer = new CanonicalWriter(map);
        return root.Name.LocalName == BjzXml.Handover
            ? Handover(new HandoverTranslator(writer).Translate(root), map, context)
            : Feedback(new FeedbackTranslator(writer).Translate(root), map, context);
    }

    static InboundResult Handover(JsonObject canonical, SourceMap map, AdapterContext context)
    {
        var json = canonical.ToJsonString(HubJson.Options);
        var outcome = context.HandoverValidator().Validate(json);
        return outcome.IsValid
            ? InboundResult.Of(new InboundHandover(json))
            : InboundResult.Invalid(outcome.Report.Problems.Select(map.ToXml));
    }

    static InboundResult Feedback(JsonObject canonical, SourceMap map, AdapterContext context)
    {
        var json = canonical.ToJsonString(HubJson.Options);
        var outcome = context.FeedbackValidator().Validate(json);
        if (!outcome.IsValid)
            return InboundResult.Invalid(outcome.Report.Problems.Select(map.ToXml));
        // The XSD requires OverdrachtId, so a valid feedback document always names its handover.
        return outcome.Document!.HandoverId is { } handoverId
            ? InboundResult.Of(new InboundFeedback(handoverId, json))
            : InboundResult.Invalid([map.ToXml(new ValidationProblem("/handoverId", "is required"))]);
    }

    /// <summary>No content type is taken as XML: many case systems post without one.</summary>
    static bool IsXml(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
            return true;
        var media = contentType.Split(';')[0].Trim();
        return media.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
            || media.Equals("text/xml", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+xml", StringComparison.OrdinalIgnoreCase);
    }
}
