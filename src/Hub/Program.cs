using IntegrationHub.Hub.Cli;
using IntegrationHub.Hub.Hosting;

// `dotnet run --project src/Hub` serves the hub; a first argument naming a command runs that instead (README).
if (HubCli.IsCommand(args))
    return await HubCli.RunAsync(args);

var app = await HubApp.BuildAsync(args);
await app.RunAsync();
return 0;

public partial class Program;
