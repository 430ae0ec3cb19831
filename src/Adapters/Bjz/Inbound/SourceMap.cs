using System.Xml.Linq;
using IntegrationHub.Adapters.Bjz.Xml;
using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Adapters.Bjz.Inbound;

/// <summary>
/// Where each canonical field came from. The hub's validator speaks JSON pointers (<c>/subject/bsn</c>);
/// a BJZ developer needs <c>/Overdracht/Jeugdige/BSN</c> and a line number in their own export.
/// </summary>
sealed class SourceMap(XElement root)
{
    /// <summary>Fields the XSD leaves optional but the hub can require (consent needs who and when).</summary>
    static readonly Dictionary<string, string> MissingFieldNames = new(StringComparer.Ordinal)
    {
        ["consentGivenBy"] = "ToestemmingDoor",
        ["consentDate"] = "ToestemmingDatum",
        ["reason"] = "Reden",
    };

    readonly Dictionary<string, XElement> _sources = new(StringComparer.Ordinal) { ["/"] = root };

    public void Note(string pointer, XElement source) => _sources[pointer] = source;

    public ValidationProblem ToXml(ValidationProblem problem)
    {
        // A field that is missing has no source: name it under its closest parent that has one.
        var pointer = problem.Path;
        var missing = new List<string>();
        while (!_sources.ContainsKey(pointer))
        {
            var cut = pointer.LastIndexOf('/');
            if (cut < 0)
                return new ValidationProblem(XmlPaths.Of(root), $"{problem.Reason} (field {problem.Path})");
            missing.Insert(0, pointer[(cut + 1)..]);
            pointer = cut == 0 ? "/" : pointer[..cut];
        }
        var source = _sources[pointer];
        var path = XmlPaths.Of(source);
        if (missing.Count > 0 && missing.All(MissingFieldNames.ContainsKey))
            path += "/" + string.Join('/', missing.Select(m => MissingFieldNames[m]));
        else if (missing.Count > 0)
            return new ValidationProblem(path, $"{problem.Reason} (field {problem.Path}){XmlPaths.Where(source)}");
        return new ValidationProblem(path, problem.Reason + XmlPaths.Where(source));
    }
}
