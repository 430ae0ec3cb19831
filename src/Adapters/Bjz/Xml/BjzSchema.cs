using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Adapters.Bjz.Xml;

/// <summary>The published bjz.xsd (embedded in this assembly), and validation that names each problem by XML path and line.</summary>
static partial class BjzSchema
{
    const string ResourceName = "IntegrationHub.Adapters.Bjz.bjz.xsd";

    /// <summary>After this many the rest are noise: the sender fixes the first ones and tries again.</summary>
    const int MaxProblems = 50;

    static readonly Lazy<XmlSchemaSet> Compiled = new(Load);

    public static XmlSchemaSet Schemas => Compiled.Value;

    public static IReadOnlyList<ValidationProblem> Validate(XDocument document)
    {
        var problems = new List<ValidationProblem>();
        document.Validate(Schemas, (sender, e) =>
        {
            if (problems.Count < MaxProblems)
                problems.Add(new ValidationProblem(XmlPaths.Of(sender as XObject), Describe(e.Message, sender) + XmlPaths.Where(sender as XObject)));
        });
        return problems;
    }

    /// <summary>The framework spells out the namespace in every message; the path already says where.</summary>
    static string Describe(string message, object? sender)
    {
        var text = message
            .Replace($" in namespace '{BjzXml.NamespaceUri}'", "", StringComparison.Ordinal)
            .Replace($"'{BjzXml.NamespaceUri}:", "'", StringComparison.Ordinal)
            .Replace($"{BjzXml.NamespaceUri}:", "", StringComparison.Ordinal);
        // Attribute messages leave out the value that was wrong.
        if (sender is XAttribute attribute)
            text = $"{text} Found '{attribute.Value}'.";
        // The framework quotes the offending value; a megabyte of it helps nobody and bloats the 400.
        return LongQuote().Replace(text, m => $"'{m.Groups[1].Value}…'");
    }

    [GeneratedRegex("'([^']{60})[^']{20,}'")]
    private static partial Regex LongQuote();

    static XmlSchemaSet Load()
    {
        using var stream = OpenResource();
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var set = new XmlSchemaSet { XmlResolver = null };
        set.Add(BjzXml.NamespaceUri, reader);
        set.Compile();
        return set;
    }

    static Stream OpenResource() =>
        typeof(BjzSchema).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"{ResourceName} is missing from the build");
}
