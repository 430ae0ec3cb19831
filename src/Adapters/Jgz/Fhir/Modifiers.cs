using System.Collections;
using Hl7.Fhir.Model;
using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Adapters.Jgz.Fhir;

/// <summary>
/// FHIR's one hard rule for readers: a <c>modifierExtension</c> (or <c>implicitRules</c>) changes the
/// meaning of what holds it, so a reader that does not understand it must refuse the resource rather
/// than read it without. The hub reads a message as one referral, so any resource in it counts.
/// </summary>
static class Modifiers
{
    /// <summary>Modifier extensions the adapter knows how to honour: none yet.</summary>
    static readonly HashSet<string> Understood = new(StringComparer.Ordinal);

    public static List<ValidationProblem> NotUnderstood(Resource root)
    {
        var problems = new List<ValidationProblem>();
        // The path is kept as segments and only joined for a problem: most messages have none.
        Walk(root, [root.TypeName], problems);
        return problems;
    }

    static void Walk(Base node, List<string> path, List<ValidationProblem> problems)
    {
        foreach (var (name, value) in node.EnumerateElements())
        {
            if (value is PrimitiveType)
            {
                if (name == "implicitRules" && node is Resource)
                    problems.Add(new ValidationProblem(Join(path, $".{name}"),
                        "names rules the hub does not know; FHIR requires a reader to refuse a resource whose implicit rules it does not understand"));
                continue;
            }
            if (name == "modifierExtension" && value is IEnumerable modifiers)
            {
                var i = 0;
                foreach (var modifier in modifiers)
                {
                    if (modifier is not Extension { Url: { } url } || !Understood.Contains(url))
                        problems.Add(new ValidationProblem(Join(path, $".{name}[{i}]"),
                            "is a modifier extension the hub does not understand; FHIR requires a reader to refuse the resource rather than ignore it"));
                    i++;
                }
            }
            else if (value is Base child)
            {
                path.Add($".{name}");
                Walk(child, path, problems);
                path.RemoveAt(path.Count - 1);
            }
            else if (value is IEnumerable list and not string)
            {
                var i = 0;
                foreach (var item in list)
                {
                    if (item is Base element and not PrimitiveType)
                    {
                        path.Add($".{name}[{i}]");
                        Walk(element, path, problems);
                        path.RemoveAt(path.Count - 1);
                    }
                    i++;
                }
            }
        }
    }

    static string Join(List<string> path, string last) => string.Concat(path) + last;
}
