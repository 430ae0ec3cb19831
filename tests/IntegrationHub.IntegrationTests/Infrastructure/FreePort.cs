using System.Net;
using System.Net.Sockets;

namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>
/// Free loopback ports for private brokers, databases and hubs: any the kernel hands out, or, when HUB_TEST_PORTS
/// names a range ("5300-5399"), one from that range, so engineers sharing a machine can keep out of each other's ports.
/// </summary>
static class FreePort
{
    static readonly (int From, int To)? Range = ParseRange(Environment.GetEnvironmentVariable("HUB_TEST_PORTS"));
    static readonly HashSet<int> Given = [];

    public static int Next()
    {
        if (Range is not { } range)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        // Several ports are asked for before any is bound: never hand out one twice in this process.
        lock (Given)
        {
            var size = range.To - range.From + 1;
            var start = Random.Shared.Next(size);
            for (var i = 0; i < size; i++)
            {
                var port = range.From + (start + i) % size;
                if (Given.Contains(port) || !Bindable(port))
                    continue;
                Given.Add(port);
                return port;
            }
        }
        throw new InvalidOperationException($"no free port left in HUB_TEST_PORTS {range.From}-{range.To}");
    }

    static bool Bindable(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    static (int, int)? ParseRange(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var parts = text.Split('-');
        if (parts.Length == 2 && int.TryParse(parts[0], out var from) && int.TryParse(parts[1], out var to) && 0 < from && from <= to && to <= 65535)
            return (from, to);
        throw new InvalidOperationException($"HUB_TEST_PORTS must be a range like 5300-5399, not '{text}'");
    }

    public static async Task WaitUntilOpenAsync(int port, TimeSpan timeout, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }
        throw new TimeoutException($"nothing listened on 127.0.0.1:{port} within {timeout.TotalSeconds:0}s\n{diagnostics()}");
    }
}
