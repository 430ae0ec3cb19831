namespace IntegrationHub.Tests.Support;

/// <summary>
/// Tests that drive headless Chromium run on their own, after the parallel tests: with two cores shared by dozens of
/// in-process hubs, a browser's navigation could wait longer than Playwright's timeout (seen in full runs only).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
