using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Hub.Delivery.Provisioning;
using IntegrationHub.IntegrationTests.Infrastructure;
using RabbitMQ.Client.Exceptions;

namespace IntegrationHub.IntegrationTests.Broker;

/// <summary>
/// `broker provision` run again and again: users kept with their passwords, permissions and tags put back,
/// passwords written once to a private new file, rotation of one agency. Each test has its own virtual host
/// and agency ids (broker users are node-wide), so it does not meet the permission matrix's users.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public class BrokerProvisionTests(ManagedRabbitMqNode managed)
{
    readonly string _tag = Guid.NewGuid().ToString("N")[..6];
    string A => $"p{_tag}-school";
    string B => $"p{_tag}-cjg";
    string Vhost => $"provision-{_tag}";
    string Hub => $"hub-{_tag}";

    string WriteDirectory(ProvisionRun run)
    {
        var agencies = new JsonArray(
            new JsonObject { ["id"] = A, ["name"] = "School", ["kind"] = "school", ["delivery"] = new JsonObject { ["kind"] = "queue" } },
            new JsonObject { ["id"] = B, ["name"] = "CJG", ["kind"] = "cjg", ["delivery"] = new JsonObject { ["kind"] = "queue" } });
        var path = Path.Combine(run.WorkDirectory, "directory.json");
        File.WriteAllText(path, new JsonObject { ["agencies"] = agencies }.ToJsonString());
        return path;
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Running_it_again_keeps_every_password_and_rotation_replaces_one()
    {
        var node = await managed.GetAsync();
        using var run = new ProvisionRun();
        string[] common = ["--directory", WriteDirectory(run), "--vhost", Vhost, "--hub-user", Hub];
        var first = Path.Combine(run.WorkDirectory, "first.json");

        var (code, output, errors) = await run.RunAsync(node, [.. common, "--credentials-out", first]);

        code.Should().Be(0, errors);
        File.GetUnixFileMode(first).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var issued = ProvisionRun.ReadCredentials(first);
        issued.Keys.Should().BeEquivalentTo([Hub, A, B], "a new hub user without a configured password gets one too");
        output.Should().NotContain(issued[A], "passwords go to the file only");
        await ShouldConnectAsync(node, A, issued[A]);
        await ShouldConnectAsync(node, Hub, issued[Hub]);
        (await PermissionsAsync(node, A)).Should().Be(AgencyPermissions.For(A));
        (await PermissionsAsync(node, Hub)).Should().Be(AgencyPermissions.Hub);

        // Someone widened B's permissions and gave it a management tag; a second run puts both back, keeping every password.
        using var http = AdminHttp(node);
        (await http.PutAsJsonAsync($"api/permissions/{Vhost}/{B}", new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        var user = (await http.GetFromJsonAsync<JsonObject>($"api/users/{B}"))!;
        (await http.PutAsJsonAsync($"api/users/{B}", new { password_hash = user["password_hash"]!.GetValue<string>(), tags = "management" })).EnsureSuccessStatusCode();
        (await PermissionsAsync(node, B)).Write.Should().Be(".*");
        (code, output, errors) = await run.RunAsync(node, common);
        code.Should().Be(0, errors);
        output.Should().Contain($"agency user {A}: kept, password unchanged").And.Contain($"agency user {B}: kept, password unchanged, tags removed");
        (await PermissionsAsync(node, B)).Should().Be(AgencyPermissions.For(B));
        ManagementApi.Tags((await http.GetFromJsonAsync<JsonObject>($"api/users/{B}"))!).Should().BeEmpty();
        foreach (var (name, password) in issued)
            await ShouldConnectAsync(node, name, password);

        // Rotation needs a new file; without one, or with the old one, nothing changes.
        (code, _, errors) = await run.RunAsync(node, [.. common, "--rotate", A]);
        code.Should().Be(1);
        errors.Should().Contain("--credentials-out");
        (code, _, errors) = await run.RunAsync(node, [.. common, "--rotate", A, "--credentials-out", first]);
        code.Should().Be(1);
        errors.Should().Contain("already exists");
        await ShouldConnectAsync(node, A, issued[A]);

        var second = Path.Combine(run.WorkDirectory, "second.json");
        (code, output, errors) = await run.RunAsync(node, [.. common, "--rotate", A, "--credentials-out", second]);
        code.Should().Be(0, errors);
        var rotated = ProvisionRun.ReadCredentials(second);
        rotated.Keys.Should().Equal(A);
        await ShouldConnectAsync(node, A, rotated[A]);
        await FluentActions.Awaiting(() => ProvisionRun.ConnectAsync(node, A, issued[A], Vhost)).Should().ThrowAsync<BrokerUnreachableException>();
        await ShouldConnectAsync(node, B, issued[B]);
    }

    [Fact]
    public async Task The_hubs_password_comes_from_configuration_and_unknown_rotations_are_refused()
    {
        var node = await managed.GetAsync();
        using var run = new ProvisionRun();
        var hubPassword = Guid.NewGuid().ToString("N");
        string[] common = ["--directory", WriteDirectory(run), "--vhost", Vhost, "--hub-user", Hub, "--hub-password-file", run.Secret("hub", hubPassword)];

        var (code, _, errors) = await run.RunAsync(node, [.. common, "--credentials-out", Path.Combine(run.WorkDirectory, "c.json")]);

        code.Should().Be(0, errors);
        ProvisionRun.ReadCredentials(Path.Combine(run.WorkDirectory, "c.json")).Keys.Should().BeEquivalentTo([A, B]);
        await ShouldConnectAsync(node, Hub, hubPassword);
        (code, _, errors) = await run.RunAsync(node, [.. common, "--rotate", "someone-else", "--credentials-out", Path.Combine(run.WorkDirectory, "d.json")]);
        code.Should().Be(1);
        errors.Should().Contain("--rotate someone-else: not an agency in the directory");
        (code, _, errors) = await run.RunAsync(node, "--directory", WriteDirectory(run), "--vhost", Vhost, "--hub-user", "guest");
        code.Should().Be(1);
        errors.Should().Contain("must not be guest");
    }

    async Task ShouldConnectAsync(RabbitMqNode node, string user, string password)
    {
        await using var connection = await ProvisionRun.ConnectAsync(node, user, password, Vhost);
        connection.IsOpen.Should().BeTrue();
    }

    async Task<BrokerPermissions> PermissionsAsync(RabbitMqNode node, string user)
    {
        using var http = AdminHttp(node);
        var p = (await http.GetFromJsonAsync<JsonObject>($"api/permissions/{Vhost}/{user}"))!;
        return new BrokerPermissions(p["configure"]!.GetValue<string>(), p["write"]!.GetValue<string>(), p["read"]!.GetValue<string>());
    }

    static HttpClient AdminHttp(RabbitMqNode node)
    {
        var http = new HttpClient { BaseAddress = node.ManagementUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        return http;
    }
}
