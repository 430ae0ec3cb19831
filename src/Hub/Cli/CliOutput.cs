using System.CommandLine;
using IntegrationHub.Hub.Calendar;
using IntegrationHub.Hub.Hosting;
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

    public static string Time(DateTimeOffset? at) =>
        at is { } t ? AmsterdamTime.ToLocal(t).ToString("ddd dd-MM-yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "-";

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

    public static void Paging<T>(IAnsiConsole console, Operator.PageOf<T> page) =>
        console.WriteLine($"page {page.Page}, {page.Items.Count} shown of {page.Total} (--page, --page-size up to {Operator.PageRequest.MaxPageSize})");

    public static readonly Option<int?> PageOption = new("--page") { Description = "page number, from 1" };
    public static readonly Option<int?> PageSizeOption = new("--page-size") { Description = $"items per page (at most {Operator.PageRequest.MaxPageSize})" };

    public static Operator.PageRequest Page(ParseResult parse) => Operator.PageRequest.Of(parse.GetValue(PageOption), parse.GetValue(PageSizeOption));
}
