namespace IntegrationHub.Tests.Support;

/// <summary>Files of this repository (examples, schemas) found from the test's output directory.</summary>
public static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(Path(parts));

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "IntegrationHub.sln")))
                return dir.FullName;
        throw new InvalidOperationException("cannot find IntegrationHub.sln above " + AppContext.BaseDirectory);
    }
}
