using System.Xml;
using System.Xml.Linq;

namespace IntegrationHub.Adapters.Bjz.Xml;

/// <summary>
/// Names a node the way a BJZ developer finds it in their own export: an XPath-like path of local names
/// (<c>/Overdracht/Zorgen/Zorg[2]/Leefgebied</c>), and the line and column it started on.
/// </summary>
static class XmlPaths
{
    public static string Of(XObject? node) => node switch
    {
        XElement element => Of(element),
        XAttribute attribute => (attribute.Parent is { } parent ? Of(parent) : "") + "/@" + attribute.Name.LocalName,
        { Parent: { } parent } => Of(parent),
        _ => "/",
    };

    static string Of(XElement element)
    {
        var steps = new Stack<string>();
        for (var e = element; e is not null; e = e.Parent)
            steps.Push(Step(e));
        return "/" + string.Join('/', steps);
    }

    /// <summary>Indexes only repeated elements: most paths then read as plainly as the XSD.</summary>
    static string Step(XElement e)
    {
        if (e.Parent is not { } parent)
            return e.Name.LocalName;
        var twins = parent.Elements(e.Name).ToList();
        return twins.Count > 1 ? $"{e.Name.LocalName}[{twins.IndexOf(e) + 1}]" : e.Name.LocalName;
    }

    /// <summary>" (line 12, column 7)", or nothing when the node has no position (built in memory).</summary>
    public static string Where(XObject? node) =>
        node is IXmlLineInfo info && info.HasLineInfo() ? $" (line {info.LineNumber}, column {info.LinePosition})" : "";
}
