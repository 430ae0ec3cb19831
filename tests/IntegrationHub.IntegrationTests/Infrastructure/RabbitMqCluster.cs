using System.Diagnostics;
using System.Security.Cryptography;

namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>
/// A private three-node RabbitMQ cluster on loopback: three <see cref="RabbitMqNode"/>s (their own node names,
/// ports and directories) sharing one Erlang cookie, the second and third joined to the first. The hub's user
/// is the first node's, which the others take over when they join.
/// </summary>
public sealed class RabbitMqCluster : IAsyncDisposable
{
    RabbitMqCluster(IReadOnlyList<RabbitMqNode> nodes) => Nodes = nodes;

    public IReadOnlyList<RabbitMqNode> Nodes { get; }

    public RabbitMqNode Seed => Nodes[0];

    public static async Task<RabbitMqCluster> StartAsync(int size = 3)
    {
        var started = Stopwatch.StartNew();
        var cookie = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        var nodes = Enumerable.Range(0, size).Select(_ => new RabbitMqNode { ErlangCookie = cookie }).ToList();
        var cluster = new RabbitMqCluster(nodes);
        try
        {
            await Task.WhenAll(nodes.Select(n => n.InitializeAsync()));
            // One at a time: two nodes joining at once can each reset while the other is half in.
            foreach (var node in nodes.Skip(1))
                await node.JoinAsync(cluster.Seed);
            var running = await cluster.RunningNodesAsync(cluster.Seed);
            if (running.Count != size)
                throw new InvalidOperationException($"the cluster has {running.Count} running nodes, expected {size}: {string.Join(", ", running)}");
            Evidence.Record("rabbitmq-cluster",
                $"The cluster test ran on a private {size}-node RabbitMQ {cluster.Seed.Version} cluster ({string.Join(", ", nodes.Select(n => $"{n.NodeName} on 127.0.0.1:{n.AmqpPort}"))}), " +
                $"formed with join_cluster in {started.Elapsed.TotalSeconds:0.0}s.");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The hub's settings for the cluster: every node's address, the hub's user.</summary>
    public IEnumerable<string> HubArguments()
    {
        yield return "--Hub:Transport=rabbitmq";
        for (var i = 0; i < Nodes.Count; i++)
            yield return $"--Hub:RabbitMq:Hosts:{i}=127.0.0.1:{Nodes[i].AmqpPort}";
        yield return $"--Hub:RabbitMq:Username={RabbitMqNode.HubUser}";
        yield return $"--Hub:RabbitMq:Password={Seed.HubPassword}";
    }

    /// <summary>The nodes <paramref name="asking"/> sees running, by name.</summary>
    public async Task<IReadOnlyList<string>> RunningNodesAsync(RabbitMqNode asking)
    {
        var (code, output) = await asking.Ctl("-q", "eval", "rabbit_nodes:all_running().");
        if (code != 0)
            throw new InvalidOperationException($"rabbitmqctl eval on {asking.NodeName} failed: {output}");
        return Nodes.Select(n => n.NodeName).Where(name => output.Contains(name, StringComparison.Ordinal)).ToList();
    }

    /// <summary>Each queue with its type and, for quorum queues and streams, the node that leads it.</summary>
    public async Task<IReadOnlyList<(string Name, string Type, string Leader, long Messages)>> QueuesAsync(RabbitMqNode asking)
    {
        var (code, output) = await asking.Ctl("-q", "list_queues", "--no-table-headers", "name", "type", "leader", "messages");
        if (code != 0)
            throw new InvalidOperationException($"rabbitmqctl list_queues on {asking.NodeName} failed: {output}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t', StringSplitOptions.TrimEntries))
            .Where(f => f.Length >= 4)
            .Select(f => (f[0], f[1], f[2], long.TryParse(f[3], out var m) ? m : -1))
            .ToList();
    }

    /// <summary>How many connections of <paramref name="user"/> each node holds (only those whose client properties
    /// contain <paramref name="named"/>, when given: a connection's name).</summary>
    public async Task<IReadOnlyDictionary<string, int>> ConnectionsAsync(RabbitMqNode asking, string user, string? named = null)
    {
        var (code, output) = await asking.Ctl("-q", "list_connections", "--no-table-headers", "pid", "user", "client_properties");
        if (code != 0)
            throw new InvalidOperationException($"rabbitmqctl list_connections on {asking.NodeName} failed: {output}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t', StringSplitOptions.TrimEntries))
            .Where(f => f.Length >= 2 && f[1] == user && (named is null || f.Skip(2).Any(p => p.Contains(named, StringComparison.Ordinal))))
            // An Erlang pid prints as <node.n.n.n>: the node that holds the connection.
            .Select(f => Nodes.Select(n => n.NodeName).FirstOrDefault(name => f[0].Contains(name + ".", StringComparison.Ordinal)) ?? "")
            .GroupBy(node => node).ToDictionary(g => g.Key, g => g.Count());
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Nodes.Select(n => n.DisposeAsync()));
    }
}
