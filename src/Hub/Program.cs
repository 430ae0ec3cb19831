using IntegrationHub.Hub.Hosting;

// `dotnet run --project src/Hub` starts the hub; the first argument may name a command instead (see README).
var app = await HubApp.BuildAsync(args);
await app.RunAsync();

public partial class Program;
