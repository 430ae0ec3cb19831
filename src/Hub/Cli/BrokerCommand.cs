using System.CommandLine;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Delivery.Provisioning;
using IntegrationHub.Hub.Delivery.QueueTypes;
using IntegrationHub.Hub.Hosting;

namespace IntegrationHub.Hub.Cli;

/// <summary>
/// <c>broker migrate-queues</c>: see <see cref="QueueMigration"/>. <c>broker provision</c>: the hub's RabbitMQ users from the agency directory, through the management
/// HTTP API (docs/operators.md#the-broker-users-and-their-passwords). Secrets come from files or the
/// environment, never from the command line, where other users of the machine could read them.
/// </summary>
public static class BrokerCommand
{
    public const string AdminPasswordVariable = "HUB_RABBITMQ_ADMIN_PASSWORD";

    public static Command Create()
    {
        var broker = new Command("broker", "the hub's users on RabbitMQ");
        broker.Subcommands.Add(Provision());
        broker.Subcommands.Add(MigrateQueues());
        return broker;
    }

    /// <summary><c>broker migrate-queues</c>: the agency queues as the type Hub:RabbitMq:QuorumQueues asks for (docs/cluster.md).</summary>
    static Command MigrateQueues()
    {
        var command = new Command("migrate-queues",
            "rebuild the agency queues that exist as the other type as quorum queues (or classic, with Hub:RabbitMq:QuorumQueues=false), keeping their messages; " +
            "run it with every hub instance stopped, as the hub's broker user");
        command.SetAction(async (parse, ct) =>
        {
            var hub = WebApplication.CreateBuilder(HubCli.HostArgs(parse)).Configuration.GetSection("Hub").Get<HubOptions>() ?? new HubOptions();
            var error = parse.InvocationConfiguration.Error;
            if (!hub.UsesRabbitMq || RabbitMqSettings.Problem(hub.RabbitMq) is { } problem)
            {
                await error.WriteLineAsync("broker migrate-queues: configure the hub's broker (Hub:RabbitMq:Host or Hosts, Username, Password)" +
                    (hub.UsesRabbitMq ? ": " + RabbitMqSettings.Problem(hub.RabbitMq) : ""));
                return 1;
            }
            try
            {
                var directory = hub.Directory.Path is { } path ? AgencyDirectory.LoadFile(path) : AgencyDirectory.LoadDemo();
                await new QueueMigration(hub, directory, parse.InvocationConfiguration.Output).RunAsync(ct);
                return 0;
            }
            catch (Exception e) when (e is RabbitMQ.Client.Exceptions.RabbitMQClientException or RabbitMQ.Client.Exceptions.OperationInterruptedException
                                          or AgencyDirectoryException or IOException)
            {
                // The type and the broker's reply say what went wrong; a message naming hosts is not repeated.
                await error.WriteLineAsync($"broker migrate-queues: {e.GetType().Name}: {(e as RabbitMQ.Client.Exceptions.OperationInterruptedException)?.ShutdownReason?.ReplyText}" +
                    "; nothing is lost: run it again (a holding queue hub.migrating.* left behind is merged back)");
                return 1;
            }
        });
        return command;
    }

    static Command Provision()
    {
        var url = new Option<string>("--management-url") { Description = "RabbitMQ's management API, e.g. http://rabbit.example:15672", Required = true };
        var adminUser = new Option<string>("--admin-user") { Description = "a RabbitMQ user with the administrator tag", Required = true };
        var adminPasswordFile = new Option<FileInfo?>("--admin-password-file") { Description = $"a file holding its password; default: the environment variable {AdminPasswordVariable}" };
        var credentialsOut = new Option<string?>("--credentials-out") { Description = "a new file (mode 0600) for the passwords this run issues; needed when it issues any" };
        var rotate = new Option<string[]>("--rotate") { Description = "issue a new password for this agency id (or the hub user); may be repeated", AllowMultipleArgumentsPerToken = false };
        var directoryPath = new Option<string?>("--directory") { Description = "the agency directory; default Hub:Directory:Path, else the demo directory" };
        var vhost = new Option<string?>("--vhost") { Description = "the hub's virtual host; default Hub:RabbitMq:VirtualHost (/)" };
        var hubUser = new Option<string?>("--hub-user") { Description = "the hub's user; default Hub:RabbitMq:Username" };
        var hubPasswordFile = new Option<FileInfo?>("--hub-password-file") { Description = "a file holding the hub user's password; default Hub:RabbitMq:Password, else one is issued for a new hub user" };

        var command = new Command("provision", "create one RabbitMQ user per agency in the directory and one for the hub, with exactly their permissions (idempotent)")
        {
            url, adminUser, adminPasswordFile, credentialsOut, rotate, directoryPath, vhost, hubUser, hubPasswordFile,
        };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var output = parse.InvocationConfiguration.Output;
            var hub = WebApplication.CreateBuilder(HubCli.HostArgs(parse)).Configuration.GetSection("Hub").Get<HubOptions>() ?? new HubOptions();
            try
            {
                var adminPassword = ReadSecret(parse.GetValue(adminPasswordFile), "--admin-password-file")
                    ?? Environment.GetEnvironmentVariable(AdminPasswordVariable)
                    ?? throw new ProvisionException($"the admin password: give --admin-password-file or set {AdminPasswordVariable}");
                var path = parse.GetValue(directoryPath) ?? hub.Directory.Path;
                var directory = path is null ? AgencyDirectory.LoadDemo() : AgencyDirectory.LoadFile(path);
                var request = new ProvisionRequest(
                    parse.GetValue(vhost) ?? hub.RabbitMq.VirtualHost,
                    parse.GetValue(hubUser) ?? hub.RabbitMq.Username
                        ?? throw new ProvisionException("the hub user: give --hub-user or configure Hub:RabbitMq:Username"),
                    ReadSecret(parse.GetValue(hubPasswordFile), "--hub-password-file") ?? NullIfEmpty(hub.RabbitMq.Password),
                    directory.Agencies.Select(a => a.Id).ToList(),
                    parse.GetValue(rotate) ?? []);

                if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var managementUrl) || managementUrl.Scheme is not ("http" or "https"))
                    throw new ProvisionException("--management-url: an absolute http or https URL, e.g. http://rabbit.example:15672");
                using var api = new ManagementApi(managementUrl, parse.GetValue(adminUser)!, adminPassword);
                var provisioner = new BrokerProvisioner(api);
                var plan = await provisioner.PlanAsync(request, ct);
                if (plan.Issued.Count > 0)
                {
                    var target = parse.GetValue(credentialsOut)
                        ?? throw new ProvisionException($"this run issues new passwords ({string.Join(", ", plan.Issued.Select(i => i.User))}): give --credentials-out <new file>");
                    CredentialsFile.Write(target, request.VirtualHost, DateTimeOffset.UtcNow, plan.Issued);
                    await output.WriteLineAsync($"new passwords for {string.Join(", ", plan.Issued.Select(i => $"{i.User} ({i.Reason})"))} written to {target} (mode 0600)");
                }
                var report = await provisioner.ApplyAsync(request, plan, ct);
                foreach (var line in report.Lines)
                    await output.WriteLineAsync(line);
                foreach (var warning in report.Warnings)
                    await error.WriteLineAsync("warning: " + warning);
                return 0;
            }
            catch (Exception e) when (e is ProvisionException or ManagementApiException or AgencyDirectoryException)
            {
                await error.WriteLineAsync("broker provision: " + e.Message);
                return 1;
            }
        });
        return command;
    }

    static string? ReadSecret(FileInfo? file, string option)
    {
        if (file is null)
            return null;
        if (!file.Exists)
            throw new ProvisionException($"{option}: no file {file.FullName}");
        // A trailing newline from `echo` or an editor is not part of the password.
        return NullIfEmpty(File.ReadAllText(file.FullName).TrimEnd('\r', '\n'))
            ?? throw new ProvisionException($"{option}: {file.FullName} is empty");
    }

    static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
