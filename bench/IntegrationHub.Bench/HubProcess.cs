using System.Diagnostics;
using System.Globalization;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.Bench;

/// <summary>
/// The hub in a process of its own (the built IntegrationHub.Hub.dll, as `dotnet run --project src/Hub` runs it), so
/// its memory and CPU are its own and not the bench driver's: peak RSS is the kernel's high-water mark (VmHWM), CPU
/// the process's user + system time from /proc.
/// </summary>
sealed class HubProcess : IAsyncDisposable
{
    public const string OperatorKey = "bench-operator-key";

    readonly Process _process;
    readonly List<(TimeSpan At, long Rss)> _rss = [];
    readonly CancellationTokenSource _stop = new();
    readonly Task _sampler;
    readonly Stopwatch _watch = Stopwatch.StartNew();

    HubProcess(Process process, Uri address, string logFile)
    {
        _process = process;
        Address = address;
        LogFile = logFile;
        _sampler = SampleAsync();
    }

    public Uri Address { get; }
    public string LogFile { get; }
    public int Id => _process.Id;

    public static async Task<HubProcess> StartAsync(IEnumerable<string> settings, string logFile)
    {
        var dll = Path.Combine(BenchPaths.Root, "src", "Hub", "bin", BenchPaths.Configuration, "net10.0", "IntegrationHub.Hub.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: build the bench (it builds the hub) in {BenchPaths.Configuration}");
        var port = FreePort.Next();
        var address = new Uri($"http://127.0.0.1:{port}");
        string[] args =
        [
            dll, "--urls", address.ToString().TrimEnd('/'), "--Serilog:MinimumLevel:Default=Warning",
            $"--Hub:Access:Operators:0:name=bench", $"--Hub:Access:Operators:0:key={OperatorKey}", .. settings,
        ];
        var process = ExternalProcess.Start("dotnet", args, new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" }, BenchPaths.Root, logFile);
        var hub = new HubProcess(process, address, logFile);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the hub exited at start-up ({process.ExitCode}); see {logFile}");
            try
            {
                using var response = await http.GetAsync(new Uri(address, "/health"));
                break;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"the hub did not answer within 5 minutes; see {logFile}");
                await Task.Delay(200);
            }
        }
        return hub;
    }

    public HttpClient Client(string key, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = timeout ?? TimeSpan.FromMinutes(30) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    /// <summary>The most the process has had resident since it started (bytes).</summary>
    public long PeakRss => Status("VmHWM");
    public long Rss => Status("VmRSS");

    /// <summary>User + system CPU the process has used.</summary>
    public TimeSpan Cpu
    {
        get
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // utime and stime are fields 14 and 15 of stat; after the command name's ')' they are the 12th and 13th.
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
    }

    public IReadOnlyList<(TimeSpan At, long Rss)> RssSamples
    {
        get
        {
            lock (_rss)
                return _rss.ToList();
        }
    }

    long Status(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        return 0;
    }

    async Task SampleAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                lock (_rss)
                    _rss.Add((_watch.Elapsed, Rss));
                await Task.Delay(100, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or FormatException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

static class BenchPaths
{
    public static string Root { get; } = FindRoot();

#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln")))
                return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
