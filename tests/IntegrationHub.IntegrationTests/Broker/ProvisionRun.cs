using System.Text.Json.Nodes;
using IntegrationHub.Hub.Cli;
using IntegrationHub.IntegrationTests.Infrastructure;
using RabbitMQ.Client;

namespace IntegrationHub.IntegrationTests.Broker;

/// <summary>
/// Runs <c>broker provision</c> through the hub's own command line (the code path an operator runs), against a
/// test node's management API with guest as the administrator (test nodes only), secrets in files.
/// </summary>
sealed class ProvisionRun : IDisposable
{
    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("hub-provision-").FullName;

    public string Secret(string name, string value)
    {
        var path = Path.Combine(WorkDirectory, name);
        File.WriteAllText(path, value + "\n");
        return path;
    }

    public async Task<(int ExitCode, string Output, string Errors)> RunAsync(RabbitMqNode node, params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await HubCli.RunAsync(
            ["broker", "provision", "--management-url", node.ManagementUrl.ToString(), "--admin-user", "guest",
                "--admin-password-file", Secret("admin-password", "guest"), .. args], output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    /// <summary>user → password, from a credentials file the command wrote.</summary>
    public static Dictionary<string, string> ReadCredentials(string path) =>
        JsonNode.Parse(File.ReadAllText(path))!["users"]!.AsArray()
            .ToDictionary(u => u!["user"]!.GetValue<string>(), u => u!["password"]!.GetValue<string>());

    /// <summary>The secrets and credentials files go with the test.</summary>
    public void Dispose() => Directory.Delete(WorkDirectory, recursive: true);

    public static Task<IConnection> ConnectAsync(RabbitMqNode node, string user, string password, string vhost = "/") =>
        new ConnectionFactory
        {
            HostName = "127.0.0.1", Port = node.AmqpPort, VirtualHost = vhost, UserName = user, Password = password,
            ClientProvidedName = "permission-probe:" + user, AutomaticRecoveryEnabled = false,
        }.CreateConnectionAsync();
}
