using System.Text.Json.Nodes;
using System.Xml.Linq;
using static IntegrationHub.Adapters.Bjz.Inbound.CanonicalWriter;

namespace IntegrationHub.Adapters.Bjz.Inbound;

/// <summary>A &lt;Terugkoppeling&gt; (feedback) becomes canonical feedback (feedback.schema.json).</summary>
sealed class FeedbackTranslator(CanonicalWriter w)
{
    static readonly string[] KindElements =
        ["Ontvangstbevestiging", "Afwijzing", "StartZorg", "Voortgang", "EindeZorg", "Intrekking", "Wachtlijst", "Nazorgplan", "ZorgBehouden", "Afgesloten"];

    public JsonObject Translate(XElement root)
    {
        var doc = new JsonObject { ["schemaVersion"] = "1.0" };
        w.Value(doc, "", "messageId", Child(root, "BerichtId"), id => DeterministicId.From("bjz", id).ToString("D"));
        w.Value(doc, "", "handoverId", Child(root, "OverdrachtId"), Uuid);

        // The XSD allows exactly one kind element; its name is the kind, its children the kind's fields.
        var kind = KindElements.Select(k => Child(root, k)).FirstOrDefault(e => e is not null);
        w.Value(doc, "", "kind", kind, _ => BjzCodes.FeedbackKind.ToCanonical(kind!.Name.LocalName));
        w.Value(doc, "", "at", Child(root, "Tijdstip"), Moment);
        if (w.Object(doc, "", "by", Child(root, "Door")) is { } by)
            HandoverTranslator.PartyFields(w, by, "/by", Child(root, "Door")!);
        w.Value(doc, "", "reason", Child(kind, "Reden"));
        w.Value(doc, "", "suggestedAgencyId", Child(kind, "VoorgesteldeOrganisatieId"));
        w.Value(doc, "", "plannedEndDate", Child(kind, "GeplandeEinddatum"));
        w.Value(doc, "", "outcome", Child(kind, "Resultaat"));
        w.Value(doc, "", "expectedStart", Child(kind, "VerwachteStart"));
        w.Code(doc, "", "reasonCode", Child(kind, "RedenCode"), BjzCodes.ReasonCode);
        w.Value(doc, "", "note", Child(root, "Toelichting"));
        return doc;
    }
}
