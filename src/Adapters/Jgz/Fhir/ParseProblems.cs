using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Adapters.Jgz.Fhir;

/// <summary>
/// The SDK's parse issues as the hub's problems: the FHIRPath the SDK gives, and a reason of our own
/// per kind of issue. The SDK's messages quote the offending value, which may be a BSN or a name, so
/// they are never passed on.
/// </summary>
static partial class ParseProblems
{
    const string UnnamedPrefix = "UnnamedResource_";
    const string This = "$this";

    public static List<ValidationProblem> From(Resource root, IEnumerable<CodedException> issues)
    {
        var rootPath = root is DynamicResource ? "" : root.TypeName;
        var problems = new List<ValidationProblem>();
        // A resource without resourceType is parsed as an unnamed placeholder that carries its own path;
        // what is inside it cannot be judged without knowing its type.
        var unnamed = Unnamed(root).ToList();
        foreach (var path in unnamed)
            Add(problems, path.Length == 0 ? "resourceType" : $"{path}.resourceType",
                path.Length == 0 ? "is required: a Bundle (handover) or a Task (feedback)" : "is required: FHIR JSON names each resource's type");
        if (root is DynamicResource)
            return problems;
        foreach (var issue in issues)
        {
            if (issue.ErrorCode is "JSON103")
                continue;
            var path = PathOf(issue, rootPath);
            if (unnamed.Any(u => u.Length > 0 && path.StartsWith(u, StringComparison.Ordinal)))
                continue;
            if (issue.ErrorCode == "PVAL130")
                path += ".resourceType";
            Add(problems, path, Reason(issue));
        }
        // Inside an element FHIR does not define, nothing more can be said: the outermost one is the problem.
        var unknown = problems.Where(p => p.Reason == UnknownElement).Select(p => p.Path).ToList();
        problems.RemoveAll(p => unknown.Any(u => p.Path.Length > u.Length && p.Path.StartsWith(u, StringComparison.Ordinal) && p.Path[u.Length] is '.' or '['));
        return problems;
    }

    const string UnknownElement = "is not an element FHIR R4 defines here; data of your own belongs in an extension";

    static void Add(List<ValidationProblem> problems, string path, string reason)
    {
        if (!problems.Any(p => p.Path == path && p.Reason == reason))
            problems.Add(new ValidationProblem(path, reason));
    }

    static string PathOf(CodedException issue, string rootPath)
    {
        var path = (issue as ExtendedCodedException)?.InstancePath;
        if (string.IsNullOrEmpty(path))
            return rootPath;
        return path.StartsWith(This, StringComparison.Ordinal) ? rootPath + path[This.Length..] : path;
    }

    /// <summary>The paths of resources that came without resourceType ("" for the root).</summary>
    static IEnumerable<string> Unnamed(Resource root)
    {
        foreach (var resource in Resources(root))
            if (resource is DynamicResource && resource.TypeName.StartsWith(UnnamedPrefix, StringComparison.Ordinal))
            {
                var path = resource.TypeName[UnnamedPrefix.Length..];
                yield return path == This ? "" : path.StartsWith(This, StringComparison.Ordinal) ? root.TypeName + path[This.Length..] : path;
            }
    }

    static IEnumerable<Resource> Resources(Resource root)
    {
        yield return root;
        if (root is Bundle bundle)
            foreach (var entry in bundle.Entry)
                if (entry?.Resource is { } resource)
                    foreach (var inner in Resources(resource))
                        yield return inner;
        if (root is DomainResource domain)
            foreach (var contained in domain.Contained)
                if (contained is not null)
                    yield return contained;
    }

    static string Reason(CodedException issue) => issue.ErrorCode switch
    {
        "PVAL105" or "PVAL102" => "is required here (FHIR R4 cardinality)",
        "PVAL103" => "occurs more often than FHIR R4 allows here",
        "PVAL104" or "JSON109" or "JSON125" => "holds a null; FHIR JSON has no nulls (leave the element out)",
        "PVAL116" => $"is not a code of the value set FHIR R4 requires here{ValueSet(issue)}",
        "PVAL118" => "holds contained resources that contain resources themselves, which FHIR forbids",
        "PVAL119" => "is longer than FHIR R4 allows",
        "PVAL124" when IsEmptyString(issue) => "is empty: FHIR strings may not be empty (leave the element out)",
        "PVAL124" => $"is not a valid FHIR {LiteralType(issue)}{FormatHint(LiteralType(issue))}",
        "PVAL125" or "PVAL126" => "is out of the range FHIR R4 allows for this number",
        "PVAL120" => "is not valid base64",
        "PVAL101" or "JSON114" => "is a choice element with a type FHIR R4 does not allow here",
        "PVAL123" or "PVAL127" or "JSON131" or "JSON132" or "JSON133" or "JSON134" or "JSON102" => "has the wrong JSON type for this FHIR element",
        "PVAL128" => UnknownElement,
        "PVAL131" or "PVAL132" => "is not an element FHIR R4 defines here (the case of its letters differs)",
        "PVAL129" or "JSON120" or "JSON121" => "is empty: FHIR JSON has no empty objects or arrays (leave the element out)",
        "PVAL130" => "names no FHIR R4 resource type",
        "JSON129" => "occurs twice in the same object",
        "JSON130" => "is an array inside an array, which FHIR JSON does not have",
        "JSON135" => "is given twice",
        _ => $"is not valid FHIR R4 JSON ({(issue as ExtendedCodedException)?.Display ?? issue.ErrorCode})",
    };

    static bool IsEmptyString(CodedException issue) => Message(issue).StartsWith("string '' ", StringComparison.Ordinal);

    /// <summary>The FHIR type named at the end of the SDK's message ("... literal for a date."); never the value.</summary>
    static string LiteralType(CodedException issue) =>
        LiteralFor().Match(Message(issue)) is { Success: true } match ? match.Groups[1].Value : "value";

    static string ValueSet(CodedException issue) =>
        ValueSetName().Match(Message(issue)) is { Success: true } match ? $" ({match.Groups[1].Value})" : "";

    static string FormatHint(string type) => type switch
    {
        "date" => " (yyyy, yyyy-MM or yyyy-MM-dd)",
        "dateTime" => " (a date, or a date and time with zone such as 2026-11-23T09:15:00+01:00)",
        "instant" => " (a date and time with zone such as 2026-11-23T09:15:00+01:00)",
        _ => "",
    };

    static string Message(CodedException issue) => (issue as ExtendedCodedException)?.BaseErrorMessage ?? issue.Message;

    [GeneratedRegex(@"literal for an? (\w+)\.?$")]
    private static partial Regex LiteralFor();

    [GeneratedRegex(@"for valueset '(\w+)'")]
    private static partial Regex ValueSetName();
}
