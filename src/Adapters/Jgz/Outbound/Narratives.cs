using System.Text;
using Hl7.Fhir.Model;

namespace IntegrationHub.Adapters.Jgz.Outbound;

/// <summary>
/// The short human-readable text (<c>text</c>, status generated) a FHIR viewer shows first: one line
/// per fact, generated from the resource's own data, so it never says more than the resource does.
/// </summary>
static class Narratives
{
    public static Narrative Of(params string?[] lines)
    {
        var div = new StringBuilder($"<div xmlns=\"{JgzSystems.Xhtml}\">");
        foreach (var line in lines)
            if (FhirBuild.Text(line) is { } text)
                div.Append("<p>").Append(Escape(text)).Append("</p>");
        div.Append("</div>");
        return new Narrative { Status = Narrative.NarrativeStatus.Generated, Div = div.ToString() };
    }

    /// <summary>XHTML text content: the three characters XML gives meaning to, and no control characters.</summary>
    static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '\n': escaped.Append(' '); break;
                default:
                    if (!char.IsControl(c))
                        escaped.Append(c);
                    break;
            }
        }
        return escaped.ToString();
    }
}
