using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace IntegrationHub.Tests.Support;

/// <summary>
/// A real SMTP server on loopback for a test: Debian's python3-aiosmtpd running tests/smtp/smtp-sink.py on a free port
/// of its own, writing every message it accepts to a directory the test reads. Never skipped: without aiosmtpd the test
/// fails saying what to install (test.sh installs it).
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    readonly Process _process;

    SmtpSink(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }
    public string Directory { get; }

    /// <summary>A port nothing listens on now (for a server that is down), and where <see cref="StartAsync"/> may listen later.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<SmtpSink> StartAsync(int? port = null, string? directory = null)
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        port ??= FreePort();
        directory ??= Path.Combine(Path.GetTempPath(), "hub-smtp-" + Guid.NewGuid().ToString("N")[..10]);
        var start = new ProcessStartInfo(python, [RepoFiles.Path("tests", "smtp", "smtp-sink.py"), port.Value.ToString(), directory])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the SMTP sink");
        var ready = process.StandardOutput.ReadLineAsync();
        if (await Task.WhenAny(ready, Task.Delay(TimeSpan.FromSeconds(20))) != ready || await ready != "ready")
        {
            var error = process.HasExited ? await process.StandardError.ReadToEndAsync() : "(no answer in 20 s)";
            if (!process.HasExited)
                process.Kill();
            throw new InvalidOperationException(
                $"the SMTP sink (python3-aiosmtpd) did not start on port {port}: {error.Trim()}. Install it: sudo apt-get install -y python3-aiosmtpd (test.sh does)");
        }
        return new SmtpSink(process, port.Value, directory);
    }

    /// <summary>Every message the server accepted so far, in order.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList()
            : [];

    /// <summary>Waits until the server has accepted at least <paramref name="count"/> messages.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var messages = Messages();
            if (messages.Count >= count)
                return messages;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the SMTP server holds {messages.Count} message(s), expected {count}: " +
                                           string.Join("; ", messages.Select(m => $"{m.To} {m.Subject}")));
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
                _process.Kill();
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
