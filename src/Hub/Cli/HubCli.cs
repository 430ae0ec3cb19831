using System.CommandLine;

namespace IntegrationHub.Hub.Cli;

/// <summary>
/// The hub's command line: <c>dotnet run --project src/Hub -- &lt;command&gt;</c>. Without a command the hub
/// serves HTTP. Commands read the hub's configuration like the server does (appsettings.json,
/// environment variables such as Hub__DataDirectory, or --data).
/// </summary>
public static class HubCli
{
    /// <summary>The data directory option every command shares (Hub:DataDirectory).</summary>
    public static readonly Option<string?> DataOption = new("--data")
    {
        Description = "the hub's data directory (Hub:DataDirectory); default: configuration, else ./data",
        // Commands start with their name (IsCommand), so --data must be accepted after it too.
        Recursive = true,
    };

    /// <summary>The language of the human output: nl (the default) or en; else Hub__Language__Default.</summary>
    public static readonly Option<string?> LanguageOption = new("--lang")
    {
        Description = "nl (default) or en: the language of the output; default Hub__Language__Default, else nl",
        Recursive = true,
    };

    static IReadOnlyList<Command> Commands() =>
    [
        DemoCommand.Create(),
        Audit.AuditCommands.Create(),
        StatusCommand.Create(),
        HandoversCommand.Create(),
        EscalationsCommand.Create(),
        RejectsCommand.Create(),
        BrokerCommand.Create(),
    ];

    public static bool IsCommand(string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') && (args[0] is "--help" or "help" || Commands().Any(c => c.Name == args[0]));

    /// <param name="output">where commands write (tests capture it); default the console.</param>
    /// <param name="error">where commands report errors and warnings; default standard error.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var root = new RootCommand("IntegrationHub: watches handovers between youth-care agencies. Without a command, serves the hub's HTTP API.");
        root.Options.Add(DataOption);
        root.Options.Add(LanguageOption);
        foreach (var command in Commands())
            root.Subcommands.Add(command);
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error });
    }

    /// <summary>
    /// The hub's services for a command, without serving. Null (with the reason on stderr) when --data names
    /// a directory without a hub database: building would create an empty hub, and a mistyped path would
    /// then look like a hub with nothing in it.
    /// </summary>
    public static async Task<WebApplication?> OpenExistingHubAsync(ParseResult parse)
    {
        if (parse.GetValue(DataOption) is { } data && !File.Exists(Path.Combine(data, "hub.db")))
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync(parse.T("noDatabase", Path.Combine(data, "hub.db")));
            return null;
        }
        return await Hosting.HubApp.BuildAsync(HostArgs(parse));
    }

    /// <summary>Configuration arguments for <see cref="Hosting.HubApp.BuildAsync"/> from the shared options.</summary>
    public static string[] HostArgs(ParseResult parse, params string[] extra)
    {
        var data = parse.GetValue(DataOption);
        return data is null ? extra : [$"--Hub:DataDirectory={data}", .. extra];
    }
}
