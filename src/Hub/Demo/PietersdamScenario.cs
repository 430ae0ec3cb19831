namespace IntegrationHub.Hub.Demo;

/// <summary>The Pietersdam family scenario (BRIEF.md §9.1), played against a real hub on a simulated clock.</summary>
public static class PietersdamScenario
{
    public static Task<int> RunAsync(string[] hostArgs, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine("demo: not yet implemented");
        return Task.FromResult(1);
    }
}
