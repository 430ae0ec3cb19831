using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Docs;

/// <summary>
/// docs/connect.md as an integrator uses it: every ```bash block on the page, in order, in bash, against a hub
/// of this test's own (the embedded default, as ./run.sh starts it, with the demo keys), each block's output
/// compared with the ```text block under it (… stands for what differs per run). Variables a block sets carry
/// to the next, as in one terminal. The page cannot rot: a command that stops working fails here.
/// </summary>
public partial class ConnectPageTests
{
    const string WebhookSecret = "your-webhook-secret-of-at-least-32-characters";

    sealed record Block(int Line, string Language, string Code, string? Expected, string Section);

    static IReadOnlyList<Block> Blocks(string markdown)
    {
        var blocks = new List<Block>();
        var matches = Fence().Matches(markdown).ToList();
        for (var i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            if (m.Groups["lang"].Value == "text")
                continue;
            var expected = i + 1 < matches.Count && matches[i + 1].Groups["lang"].Value == "text" && Between(markdown, m, matches[i + 1]).Trim().Length == 0
                ? matches[i + 1].Groups["code"].Value : null;
            var before = markdown[..m.Index];
            var section = Heading().Matches(before).LastOrDefault()?.Groups[1].Value ?? "";
            blocks.Add(new Block(before.Count(c => c == '\n') + 1, m.Groups["lang"].Value, m.Groups["code"].Value, expected, section));
        }
        return blocks;
    }

    static string Between(string text, Match a, Match b) => text[(a.Index + a.Length)..b.Index];

    [Fact]
    public void Every_command_block_on_the_page_is_run_except_the_broker_ones_which_say_why()
    {
        var blocks = Blocks(RepoFiles.Read("docs", "connect.md"));
        blocks.Count(b => b.Language == "bash").Should().BeGreaterThanOrEqualTo(15);
        blocks.Where(b => b.Language != "bash").Should().OnlyContain(b => b.Section.StartsWith("AMQP", StringComparison.Ordinal),
            "only the broker's commands need what the embedded hub has not; every other command must be a ```bash block the test runs");
        blocks.Where(b => b.Language == "bash").Should().OnlyContain(b => b.Expected != null, "each command shows what it prints");
    }

    [Fact]
    public async Task Every_command_on_docs_connect_md_works_against_the_embedded_hub_and_prints_what_the_page_shows()
    {
        await using var hub = await TestHub.StartAsync(TestHub.Simulated(AgencySamples.Now));
        var work = Directory.CreateTempSubdirectory("connect-page-");
        try
        {
            // The page's relative paths (docs/examples/..., docs/connect/...) resolve as from the repository root.
            Directory.CreateSymbolicLink(Path.Combine(work.FullName, "docs"), RepoFiles.Path("docs"));
            // What the hub would sign: the page's webhook check must accept exactly the hub's signature.
            var body = Encoding.UTF8.GetBytes("""{"example":"the raw body as received"}""");
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "signature.txt"),
                WebhookSignature.Compute(WebhookSecret, "3f1c2a8e-3b7d-4c2e-9a51-0d9e7f3b2a11", 1767225600, body));

            var names = new SortedSet<string>(StringComparer.Ordinal);
            var state = Path.Combine(work.FullName, "state.sh");
            foreach (var block in Blocks(RepoFiles.Read("docs", "connect.md")).Where(b => b.Language == "bash"))
            {
                foreach (Match assignment in Assignment().Matches(block.Code))
                    names.Add(assignment.Groups[1].Value);
                var script = $"""
                    set -eo pipefail
                    export HUB={hub.Http.BaseAddress!.ToString().TrimEnd('/')}
                    [ -f state.sh ] && source state.sh
                    {block.Code}
                    declare -p {string.Join(' ', names)} > state.sh 2>/dev/null || true
                    """;
                var (exit, output, error) = await RunBashAsync(script, work.FullName);
                exit.Should().Be(0, $"docs/connect.md line {block.Line} ({block.Section}) failed:\n{block.Code}\nstdout:\n{output}\nstderr:\n{error}\nhub log:\n{hub.LogTail()}");
                Matches(block.Expected!, output).Should().BeTrue(
                    $"docs/connect.md line {block.Line} ({block.Section}) printed\n{output}\nbut the page shows\n{block.Expected}");
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The page's expected output, with … standing for any text, against what the block printed (trailing blanks ignored).</summary>
    static bool Matches(string expected, string actual)
    {
        static string Clean(string s) => string.Join('\n', s.Replace("\r", "").Split('\n').Select(l => l.TrimEnd())).Trim();
        var pattern = "^" + string.Join(".*?", Clean(expected).Split('…').Select(Regex.Escape)) + "$";
        return Regex.IsMatch(Clean(actual), pattern, RegexOptions.Singleline);
    }

    static async Task<(int Exit, string Output, string Error)> RunBashAsync(string script, string directory)
    {
        var start = new ProcessStartInfo("bash", ["-c", script])
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"a block of docs/connect.md ran over 60 s:\n{script}");
        }
        return (process.ExitCode, await output, await error);
    }

    [GeneratedRegex(@"^```(?<lang>\w+)\n(?<code>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"^#{2,3} (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"(?:^|\s)([A-Z_][A-Z0-9_]*)=", RegexOptions.Multiline)]
    private static partial Regex Assignment();
}
