using System.Diagnostics;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.IntegrationTests.Crash;

/// <summary>
/// The built hub (IntegrationHub.Hub.dll) as its own OS process, so it can be killed the hard way:
/// Process.Kill sends SIGKILL on Linux, so no shutdown hook, flush or broker goodbye runs.
/// </summary>
sealed class HubProcess : IDisposable
{
    readonly Process _process;
    readonly string _logFile;

    HubProcess(Process process, string logFile)
    {
        _process = process;
        _logFile = logFile;
    }

    public int Pid => _process.Id;

    /// <summary>The hub built with this test run (same configuration), from src/Hub's own output.</summary>
    internal static string HubDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var dll = RepoFiles.Path("src", "Hub", "bin", configuration, "net10.0", "IntegrationHub.Hub.dll");
            return File.Exists(dll) ? dll : Path.Combine(AppContext.BaseDirectory, "IntegrationHub.Hub.dll");
        }
    }

    internal static string DotnetHost =>
        Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";

    public static async Task<HubProcess> StartAsync(HttpClient http, IEnumerable<string> args, string workingDirectory, string logFile)
    {
        var process = ExternalProcess.Start(DotnetHost, [HubDll, .. args], workingDirectory: workingDirectory, logFile: logFile);
        var hub = new HubProcess(process, logFile);
        // Ready means the bus is connected and the database answers, not merely that Kestrel listens.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"hub exited at start-up ({process.ExitCode}):\n{hub.LogTail()}");
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                    return hub;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        hub.Dispose();
        throw new TimeoutException($"hub did not become healthy within 60 s:\n{hub.LogTail()}");
    }

    /// <summary>SIGKILL, then wait until the kernel has reaped it.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            throw new TimeoutException($"hub {Pid} did not die after SIGKILL");
    }

    public string LogTail() => File.Exists(_logFile) ? string.Join('\n', File.ReadLines(_logFile).TakeLast(40)) : "(no log)";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
    }
}
