using System.Diagnostics;

namespace IntegrationHub.IntegrationTests.Infrastructure;

static class ExternalProcess
{
    public static bool IsRoot => Environment.UserName == "root";

    public static Process Start(string file, IEnumerable<string> args, IDictionary<string, string>? env = null, string? workingDirectory = null, string? logFile = null)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
            info.Environment[k] = v;
        if (workingDirectory is not null)
            info.WorkingDirectory = workingDirectory;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        if (logFile is not null)
        {
            var writer = TextWriter.Synchronized(new StreamWriter(logFile, append: true) { AutoFlush = true });
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) writer.WriteLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) writer.WriteLine(e.Data); };
        }
        else
        {
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> args, IDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
            info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in time");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
