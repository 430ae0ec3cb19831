namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>
/// Lines the test command prints after the run, so its output says which real broker and database the
/// integration tests talked to (test runners hide fixture output).
/// </summary>
static class Evidence
{
    public static void Record(string name, string line)
    {
        var directory = Environment.GetEnvironmentVariable("HUB_TEST_EVIDENCE_DIR")
            ?? Path.Combine(AppContext.BaseDirectory, "evidence");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".txt"), line + Environment.NewLine);
    }
}
