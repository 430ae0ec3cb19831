using System.CommandLine;

namespace IntegrationHub.Hub.Cli;

/// <summary><c>demo</c>: plays the Pietersdam scenario (BRIEF.md §9) on the simulated clock and prints its timeline.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "play the Pietersdam scenario on the embedded default with a simulated clock and print its timeline");
        command.SetAction(async (parse, ct) => await Demo.PietersdamScenario.RunAsync(HubCli.HostArgs(parse), Console.Out, ct));
        return command;
    }
}
