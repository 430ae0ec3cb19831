using System.Text.RegularExpressions;

namespace IntegrationHub.Tests.ApiReference;

/// <summary>
/// One call of the public contract: its method, its path as a template, every status code its row names, and
/// groups of codes of which any one will do ("`200` or `202`", "as POST /api/handovers").
/// </summary>
public sealed record ContractCall(string Method, string Path, IReadOnlySet<int> Statuses, IReadOnlyList<IReadOnlySet<int>> AnyOf)
{
    public override string ToString() => $"{Method} {Path} ({string.Join(", ", Statuses.Order())}{string.Concat(AnyOf.Select(a => $"; one of {string.Join("/", a.Order())}"))})";
}

/// <summary>
/// Reads the calls out of the shared contract's tables (../shared/contracts/API.md): every row whose first cell
/// is a call in backticks. "as POST /api/handovers" in a cell takes that call's codes, so a row that refers to
/// another is held to the same answers.
/// </summary>
public static partial class ApiMd
{
    /// <summary>
    /// The shared contract beside the repository (or HUB_SHARED_CONTRACTS) when there is one; otherwise the copy the
    /// repository keeps (docs/contract/API.md), so a clone on its own is checked too. Where both exist they must be equal:
    /// the copy cannot drift from the contract unnoticed.
    /// </summary>
    public static string PathOnDisk()
    {
        var copy = Support.RepoFiles.Path("docs", "contract", "API.md");
        var fromEnvironment = Environment.GetEnvironmentVariable("HUB_SHARED_CONTRACTS");
        var shared = fromEnvironment is not null ? Path.Combine(fromEnvironment, "API.md") : Path.GetFullPath(Path.Combine(Support.RepoFiles.Root, "..", "shared", "contracts", "API.md"));
        if (File.Exists(shared))
        {
            if (File.Exists(copy) && File.ReadAllText(copy) != File.ReadAllText(shared))
                Assert.Fail($"docs/contract/API.md differs from the shared contract at {shared}: copy the contract into the repository again");
            return shared;
        }
        if (!File.Exists(copy))
            Assert.Fail($"the public contract is neither at {shared} nor at {copy}");
        return copy;
    }

    public static IReadOnlyList<ContractCall> Calls() => Parse(File.ReadAllText(PathOnDisk()));

    public static IReadOnlyList<ContractCall> Parse(string markdown)
    {
        var rows = new List<(string Method, string Path, string[] Cells)>();
        foreach (var line in markdown.Split('\n'))
        {
            var cells = SplitRow(line);
            if (cells.Length < 2 || CallCell().Match(cells[0]) is not { Success: true } call)
                continue;
            rows.Add((call.Groups["method"].Value, Template(call.Groups["path"].Value), cells));
        }
        var calls = new List<ContractCall>();
        foreach (var (method, path, cells) in rows)
        {
            var statuses = new HashSet<int>();
            var anyOf = new List<IReadOnlySet<int>>();
            foreach (var cell in cells.Skip(2))
            {
                var alternatives = Alternatives().Matches(cell).Select(m => new HashSet<int> { int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value) }).ToList();
                anyOf.AddRange(alternatives);
                var alternativeCodes = alternatives.SelectMany(a => a).ToHashSet();
                statuses.UnionWith(Status().Matches(cell).Select(m => int.Parse(m.Value)).Where(c => !alternativeCodes.Contains(c) || Status().Matches(cell).Count(m => m.Value == c.ToString()) > 1));
                // "as `POST /api/handovers` / feedback": answers as the calls it names (that path and those under it) do, any of their successes.
                foreach (Match reference in Reference().Matches(cell))
                {
                    var referred = rows.Where(r => r.Method == reference.Groups["method"].Value && r.Path != path
                            && r.Path.StartsWith(Template(reference.Groups["path"].Value), StringComparison.Ordinal))
                        .SelectMany(r => Status().Matches(r.Cells[2]).Select(m => int.Parse(m.Value))).ToHashSet();
                    if (referred.Count > 0)
                        anyOf.Add(referred);
                }
            }
            calls.Add(new ContractCall(method, path, statuses, anyOf));
        }
        return calls;
    }

    /// <summary>Cells of a table row, with escaped pipes (`{a\|b}`) kept inside their cell.</summary>
    static string[] SplitRow(string line)
    {
        line = line.Trim();
        if (!line.StartsWith('|'))
            return [];
        return line.Trim('|').Replace("\\|", "\u0001").Split('|').Select(c => c.Replace("\u0001", "|").Trim()).ToArray();
    }

    /// <summary>"/api/adapters/{jgz|bjz}/messages?after=N" as a template: query gone, every parameter just "{}".</summary>
    public static string Template(string path) => Parameter().Replace(path.Split('?')[0], "{}").TrimEnd('/');

    [GeneratedRegex(@"^`(?<method>GET|POST|PUT|PATCH|DELETE) (?<path>/[^`\s]*)`")]
    private static partial Regex CallCell();

    [GeneratedRegex(@"(?<![\w.])[1-5]\d\d(?![\w.])")]
    private static partial Regex Status();

    [GeneratedRegex(@"\bas `?(?<method>GET|POST|PUT|PATCH|DELETE) (?<path>/[^`\s]*)`?")]
    private static partial Regex Reference();

    [GeneratedRegex(@"`?([1-5]\d\d)`?\s+or\s+`?([1-5]\d\d)`?")]
    private static partial Regex Alternatives();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
