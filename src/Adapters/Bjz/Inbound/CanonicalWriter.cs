using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace IntegrationHub.Adapters.Bjz.Inbound;

/// <summary>
/// Writes canonical JSON fields from BJZ elements and notes each field's source in the <see cref="SourceMap"/>.
/// Values the XSD has already checked are converted; anything odd is passed through for the hub's
/// validator to name rather than thrown on.
/// </summary>
sealed class CanonicalWriter(SourceMap map)
{
    public static XElement? Child(XElement? parent, string name) => parent?.Element(BjzXml.Ns + name);

    public static IEnumerable<XElement> Children(XElement? parent, string name) =>
        parent?.Elements(BjzXml.Ns + name) ?? [];

    public JsonObject? Object(JsonObject into, string at, string name, XElement? from)
    {
        if (from is null)
            return null;
        var obj = new JsonObject();
        into[name] = obj;
        map.Note($"{at}/{name}", from);
        return obj;
    }

    public JsonArray Array(JsonObject into, string at, string name, XElement from)
    {
        var array = new JsonArray();
        into[name] = array;
        map.Note($"{at}/{name}", from);
        return array;
    }

    public JsonObject Item(JsonArray into, string at, XElement from)
    {
        var obj = new JsonObject();
        map.Note($"{at}/{into.Count}", from);
        into.Add(obj);
        return obj;
    }

    public void Value(JsonObject into, string at, string name, XElement? from, Func<string, JsonNode?>? convert = null)
    {
        if (from is null)
            return;
        var text = from.Value.Trim();
        into[name] = convert is null ? JsonValue.Create(text) : convert(text);
        map.Note($"{at}/{name}", from);
    }

    public void Code(JsonObject into, string at, string name, XElement? from, CodeList codes) =>
        Value(into, at, name, from, text => codes.ToCanonical(text));

    public void Codes(JsonObject into, string at, string name, IReadOnlyList<XElement> from, CodeList codes)
    {
        if (from.Count == 0)
            return;
        var array = Array(into, at, name, from[0]);
        foreach (var element in from)
        {
            map.Note($"{at}/{name}/{array.Count}", element);
            array.Add(codes.ToCanonical(element.Value.Trim()));
        }
    }

    /// <summary>XSD dateTime and JSON date-time differ in details; one canonical spelling avoids surprises downstream.</summary>
    public static JsonNode? Moment(string text) =>
        TryMoment(text, out var moment) ? moment.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz") : text;

    public static JsonNode? Boolean(string text) =>
        text switch { "true" or "1" => true, "false" or "0" => false, _ => text };

    public static JsonNode? Long(string text) => long.TryParse(text, out var n) ? n : text;

    public static JsonNode? Uuid(string text) => Guid.TryParse(text, out var id) ? id.ToString("D") : text;

    static bool TryMoment(string text, out DateTimeOffset moment)
    {
        try
        {
            moment = XmlConvert.ToDateTimeOffset(text);
            return true;
        }
        catch (FormatException)
        {
            moment = default;
            return false;
        }
    }
}
