using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.Support;

/// <summary>An agency's webhook on 127.0.0.1: answers with scripted status codes and records every request.</summary>
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

    public sealed record Received(string? MailId, string? Kind, string? ContentType, byte[] Body, int AnsweredWith);

    /// <summary>Answers the scripted codes in turn, then <paramref name="otherwise"/>.</summary>
    public static async Task<WebhookReceiver> StartAsync(IEnumerable<int> script, int otherwise = 200)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, script, otherwise);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var status = receiver._script.TryDequeue(out var next) ? next : receiver._otherwise;
            receiver.Requests.Enqueue(new Received(request.Headers["X-Hub-Mail-Id"], request.Headers["X-Hub-Kind"], request.ContentType, body.ToArray(), status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/hook");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
