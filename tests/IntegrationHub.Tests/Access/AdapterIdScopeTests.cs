using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Access;

/// <summary>
/// Message ids the adapters derive from an agency's own numbers (here BJZ's BerichtId) belong to that agency:
/// two BJZ regions that happen to number a message alike send two messages, and neither pre-empts the other.
/// </summary>
public sealed class AdapterIdScopeTests : IAsyncLifetime, IDisposable
{
    readonly string _files = Path.Combine(Path.GetTempPath(), "hub-idscope-" + Guid.NewGuid().ToString("N")[..8]);
    TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        var root = JsonNode.Parse(RepoFiles.Read("src", "Contracts", "Agencies", "demo-directory.json"))!;
        var agencies = root["agencies"]!.AsArray();
        var zeeland = agencies.Single(a => a!["id"]!.GetValue<string>() == "bjz-noord-brabant")!.DeepClone();
        zeeland["id"] = "bjz-zeeland";
        zeeland["name"] = "Bureau Jeugdzorg Zeeland";
        agencies.Add(zeeland);
        Directory.CreateDirectory(_files);
        var path = Path.Combine(_files, "directory.json");
        await File.WriteAllTextAsync(path, root.ToJsonString());
        _hub = await TestHub.StartAsync(new Dictionary<string, string?>(TestHub.Simulated(AgencySamples.Now)) { ["Hub:Directory:Path"] = path });
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task The_same_BerichtId_from_two_BJZ_agencies_is_two_handovers()
    {
        var brabant = AgencySamples.BjzHandoverToCjg();
        var zeeland = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(brabant)
            .Replace("<OrganisatieId>bjz-noord-brabant</OrganisatieId>", "<OrganisatieId>bjz-zeeland</OrganisatieId>"));

        var first = await _hub.As("bjz-noord-brabant").PostAcceptedAsync("bjz", brabant, "application/xml");
        var second = await _hub.As("bjz-zeeland").PostAcceptedAsync("bjz", zeeland, "application/xml");

        second.Should().NotBe(first);
        (await _hub.WaitForStateAsync(first, "delivered"))["sender"]!.GetValue<string>().Should().Be("bjz-noord-brabant");
        (await _hub.WaitForStateAsync(second, "delivered"))["sender"]!.GetValue<string>().Should().Be("bjz-zeeland");
        var again = await _hub.As("bjz-zeeland").PostAdapterAsync("bjz", zeeland, "application/xml");
        again.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await again.ReadJsonAsync())["messages"]![0]!["duplicate"]!.GetValue<bool>().Should().BeTrue();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_files, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
