using System.CommandLine;
using IntegrationHub.Hub.Calendar;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Hub.Language;
using Spectre.Console;

namespace IntegrationHub.Hub.Cli;

/// <summary>What the operator commands share: the hub's services without serving, tables, and Amsterdam time.</summary>
internal static class CliOutput
{
    /// <summary>
    /// The hub built with the same configuration as the server (appsettings, environment, --data) but not
    /// started: commands read and write the database directly, so they also work while the hub is down.
    /// </summary>
    public static Task<WebApplication?> OpenHubAsync(ParseResult parse) => HubCli.OpenExistingHubAsync(parse);

    /// <summary>A console on the invocation's output; wide and without colour codes when redirected, so tests and pipes read plain text.</summary>
    public static IAnsiConsole Console(ParseResult parse)
    {
        var writer = parse.InvocationConfiguration.Output;
        var terminal = ReferenceEquals(writer, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
            console.Profile.Width = 200;
        return console;
    }

    /// <summary>Dutch unless --lang or Hub__Language__Default says English (docs/operators.md).</summary>
    public static string Language(ParseResult parse) =>
        TextCatalog.Supported(parse.GetValue(HubCli.LanguageOption))
        ?? TextCatalog.Supported(Environment.GetEnvironmentVariable("Hub__Language__Default")) ?? TextCatalog.Dutch;

    /// <summary>A text of the catalog in the command's language.</summary>
    public static string T(this ParseResult parse, string key, params object?[] args) =>
        TextCatalog.Instance.Format("cli." + key, Language(parse), args);

    public static string State(this ParseResult parse, string state) =>
        Language(parse) == TextCatalog.Dutch ? $"{TextCatalog.Instance.Get("state." + state, TextCatalog.Dutch)} ({state})" : state;

    /// <summary>A time as a person reads it: Europe/Amsterdam, the day's short name, dd-MM-yyyy HH:mm.</summary>
    public static string Time(this ParseResult parse, DateTimeOffset? at) => at is { } t ? PeopleTime.WithDay(t, Language(parse)) : "-";

    public static Table Table(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        return table;
    }

    /// <summary>Adds a row of plain text: agency data must never be read as Spectre markup.</summary>
    public static Table Row(this Table table, params object?[] cells)
    {
        table.AddRow(cells.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c?.ToString() ?? "-")).ToArray());
        return table;
    }

    public static void Paging<T>(ParseResult parse, IAnsiConsole console, Operator.PageOf<T> page) =>
        console.WriteLine(parse.T("page", page.Page, page.Items.Count, page.Total, Operator.PageRequest.MaxPageSize));

    public static readonly Option<int?> PageOption = new("--page") { Description = "page number, from 1" };
    public static readonly Option<int?> PageSizeOption = new("--page-size") { Description = $"items per page (at most {Operator.PageRequest.MaxPageSize})" };

    public static Operator.PageRequest Page(ParseResult parse) => Operator.PageRequest.Of(parse.GetValue(PageOption), parse.GetValue(PageSizeOption));
}
