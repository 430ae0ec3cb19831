using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Adapters.Bjz.Xml;

/// <summary>The published bjz.xsd (embedded in this assembly), and validation that names each problem by XML path and line.</summary>
static class BjzSchema
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
                problems.Add(new ValidationProblem(XmlPaths.Of(sender as XObject), Describe(e.Message) + XmlPaths.Where(sender as XObject)));
        });
        return problems;
    }

    /// <summary>
    /// The framework spells out the namespace in every message; the path already says where. It also quotes
    /// the value it refused ("The value '12345' is invalid"), which may be a BSN, a name or a birth date:
    /// every quoted fragment that is not a name from bjz.xsd (an element, attribute or type) is taken out.
    /// </summary>
    static string Describe(string message)
    {
        var text = message
            .Replace($" in namespace '{BjzXml.NamespaceUri}'", "", StringComparison.Ordinal)
            .Replace($"'{BjzXml.NamespaceUri}:", "'", StringComparison.Ordinal)
            .Replace($"{BjzXml.NamespaceUri}:", "", StringComparison.Ordinal)
            .Replace($"'{XmlSchemaNamespace}:", "'xs:", StringComparison.Ordinal);
        return ProblemText.WithoutQuotes(text, IsSchemaName)
            .Replace("The value '…' is", "The value is", StringComparison.Ordinal)
            .Replace("The string '…' is", "The string is", StringComparison.Ordinal);
    }

    /// <summary>A framework message about the document with what it quoted from it taken out (names from bjz.xsd stay).</summary>
    public static string WithoutValues(string message) => ProblemText.WithoutQuotes(message, IsSchemaName);

    const string XmlSchemaNamespace = "http://www.w3.org/2001/XMLSchema";

    static readonly Lazy<HashSet<string>> SchemaNames = new(() =>
    {
        using var stream = OpenResource();
        var xsd = XDocument.Load(stream);
        return xsd.Descendants().Attributes("name").Select(a => a.Value).ToHashSet(StringComparer.Ordinal);
    });

    static bool IsSchemaName(string quoted) =>
        SchemaNames.Value.Contains(quoted) || (quoted.StartsWith("xs:", StringComparison.Ordinal) && quoted.Length < 40);

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
