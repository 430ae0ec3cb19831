using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.Support;

/// <summary>
/// An agency's webhook on 127.0.0.1: answers with scripted status codes and records every request. A scripted
/// 3xx points (Location) at /hook-moved, which records what reaches it too, so a test sees whether a redirect was followed.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentQueue<int> _script;
    readonly int _otherwise;

    WebhookReceiver(WebApplication app, IEnumerable<int> script, int otherwise)
    {
        _app = app;
        _script = new ConcurrentQueue<int>(script);
        _otherwise = otherwise;
    }

    public ConcurrentQueue<Received> Requests { get; } = new();
    public Uri Url { get; private set; } = null!;

    public sealed record Received(string? MailId, string? Kind, string? ContentType, byte[] Body, int AnsweredWith,
        string Path = "/hook", string? Timestamp = null, string? Signature = null)
    {
        /// <summary>What the agency does (docs/operators.md): HMAC-SHA256 with its secret over "{mailId}.{timestamp}." and the
        /// body, compared in constant time with X-Hub-Signature-256. Written here from the documentation, not with the hub's code.</summary>
        public bool SignatureValidWith(string secret)
        {
            if (MailId is null || Timestamp is null || Signature is null || !Signature.StartsWith("sha256=", StringComparison.Ordinal))
                return false;
            var signed = System.Text.Encoding.UTF8.GetBytes($"{MailId}.{Timestamp}.").Concat(Body).ToArray();
            var expected = System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), signed);
            byte[] given;
            try
            {
                given = Convert.FromHexString(Signature["sha256=".Length..]);
            }
            catch (FormatException)
            {
                return false;
            }
            return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected, given);
        }
    }

    /// <summary>Answers the scripted codes in turn, then <paramref name="otherwise"/>.</summary>
    public static async Task<WebhookReceiver> StartAsync(IEnumerable<int> script, int otherwise = 200)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, script, otherwise);
        app.MapPost("/hook", async (HttpRequest request, HttpResponse response) =>
        {
            var status = receiver._script.TryDequeue(out var next) ? next : receiver._otherwise;
            await receiver.RecordAsync(request, status);
            if (status is >= 300 and < 400)
                response.Headers.Location = "/hook-moved";
            return Results.StatusCode(status);
        });
        app.MapPost("/hook-moved", async (HttpRequest request) =>
        {
            await receiver.RecordAsync(request, 200);
            return Results.StatusCode(200);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/hook");
        return receiver;
    }

    async Task RecordAsync(HttpRequest request, int status)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        Requests.Enqueue(new Received(request.Headers["X-Hub-Mail-Id"], request.Headers["X-Hub-Kind"], request.ContentType, body.ToArray(), status,
            request.Path, request.Headers["X-Hub-Timestamp"], request.Headers["X-Hub-Signature-256"]));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
