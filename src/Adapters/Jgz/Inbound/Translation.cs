using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Adapters.Jgz.Inbound;

/// <summary>
/// Bookkeeping while FHIR becomes canonical JSON: which FHIR element each canonical field came from
/// (so the hub's validator's complaints can be told in FHIR terms), and the problems found on the way.
/// </summary>
sealed class Translation(string rootPath)
{
    readonly List<ValidationProblem> _problems = [];
    readonly Dictionary<string, string> _sources = new(StringComparer.Ordinal);
    readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    public string RootPath => rootPath;
    public IReadOnlyList<ValidationProblem> Problems => _problems;

    /// <summary>Canonical <paramref name="pointer"/> (e.g. /subject/bsn) came from <paramref name="fhirPath"/>.</summary>
    public void Source(string pointer, string fhirPath) => _sources[pointer] = fhirPath;

    /// <summary>A problem in FHIR terms; when it concerns a canonical field, the validator's word on that field is redundant.</summary>
    public void Problem(string fhirPath, string reason, string? pointer = null)
    {
        if (pointer is not null)
            _reported.Add(pointer);
        if (!_problems.Any(p => p.Path == fhirPath && p.Reason == reason))
            _problems.Add(new ValidationProblem(fhirPath, reason));
    }

    /// <summary>A problem already reported elsewhere covers this canonical field too.</summary>
    public void Reported(string pointer) => _reported.Add(pointer);

    /// <summary>Adds the canonical validator's problems, each at the FHIR element its field came from.</summary>
    public void AddCanonical(IEnumerable<ValidationProblem> canonical)
    {
        foreach (var problem in canonical)
        {
            if (Ancestors(problem.Path).Any(_reported.Contains))
                continue;
            var (path, exact) = Locate(problem.Path);
            Problem(path, exact ? problem.Reason : $"{problem.Path[1..]} {problem.Reason}");
        }
    }

    (string Path, bool Exact) Locate(string pointer)
    {
        foreach (var candidate in Ancestors(pointer))
            if (_sources.TryGetValue(candidate, out var path))
                return (path, candidate == pointer);
        return (rootPath, false);
    }

    /// <summary>The pointer itself, then each parent: /a/b/c, /a/b, /a, /.</summary>
    static IEnumerable<string> Ancestors(string pointer)
    {
        var current = pointer;
        while (current.Length > 1)
        {
            yield return current;
            var cut = current.LastIndexOf('/');
            current = cut <= 0 ? "/" : current[..cut];
        }
        yield return "/";
    }
}
