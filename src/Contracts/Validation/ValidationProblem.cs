namespace IntegrationHub.Contracts.Validation;

/// <summary>One thing wrong with a message: where (a JSON pointer such as <c>/subject/bsn</c>) and why.</summary>
public sealed record ValidationProblem(string Path, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}

/// <summary>Every problem found in one message; empty means valid.</summary>
public sealed class ValidationReport
{
    readonly List<ValidationProblem> _problems = [];

    public IReadOnlyList<ValidationProblem> Problems => _problems;
    public bool IsValid => _problems.Count == 0;

    /// <summary>True when some problem is already reported at exactly <paramref name="path"/>.</summary>
    public bool Has(string path) => _problems.Any(p => p.Path == path);

    public void Add(string path, string reason)
    {
        // Schema and domain checks can both trip over one field; say it once.
        if (!_problems.Any(p => p.Path == path && p.Reason == reason))
            _problems.Add(new ValidationProblem(path, reason));
    }
}
