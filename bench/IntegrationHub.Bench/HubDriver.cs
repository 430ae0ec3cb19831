using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Tests.Support;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IntegrationHub.Bench;

public sealed record HubRunResult(int Handovers, TimeSpan Elapsed, long SagaEvents, IReadOnlyList<double> DeliveredMs, int Failures, IReadOnlyList<string> Timeline);

/// <summary>
/// Drives handovers through submit -> delivered -> receipt -> care started over HTTP, as the two
/// agencies would: the receiver reacts to the handover mail in its own queue.
/// </summary>
sealed partial class HubDriver(Func<string, HttpClient> asAgency, HubDatabase database, int amqpPort, int concurrency)
{
    public const string Sender = "school-de-regenboog";
    public const string Receiver = "bjz-noord-brabant";

    // Arrival time (Stopwatch ticks) per handover id, whichever side (HTTP answer or mail) comes first.
    readonly ConcurrentDictionary<Guid, TaskCompletionSource<long>> _delivered = new();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();

    TaskCompletionSource<long> Slot(Guid id) => _delivered.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    public async Task<HubRunResult> RunAsync(int count, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { HostName = "127.0.0.1", Port = amqpPort, UserName = "guest", Password = "guest" };
        await using var connection = await factory.CreateConnectionAsync("bench-agencies");
        await using var channel = await connection.CreateChannelAsync();
        await channel.BasicQosAsync(0, 200, false);
        // The mail body format is changing (agency-rendered formats); every format carries the handover id as text.
        var receiver = new AsyncEventingBasicConsumer(channel);
        receiver.ReceivedAsync += async (_, delivery) =>
        {
            var now = Stopwatch.GetTimestamp();
            foreach (Match m in GuidPattern().Matches(Encoding.UTF8.GetString(delivery.Body.Span)))
                if (Guid.TryParse(m.Value, out var id) && _delivered.TryGetValue(id, out var slot))
                    slot.TrySetResult(now);
            await channel.BasicAckAsync(delivery.DeliveryTag, false);
        };
        await channel.BasicConsumeAsync(AgencyQueues.MailQueue(Receiver), autoAck: false, receiver);
        // The sender's feedback mail is read too, so the queue does not grow during the run.
        var sender = new AsyncEventingBasicConsumer(channel);
        sender.ReceivedAsync += (_, delivery) => channel.BasicAckAsync(delivery.DeliveryTag, false).AsTask();
        await channel.BasicConsumeAsync(AgencyQueues.MailQueue(Sender), autoAck: false, sender);

        var eventsBefore = await InboxCountAsync();
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var timeline = new List<string>();
        var watch = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var sampler = SampleAsync(timeline, watch, sampling.Token);

        using var gate = new SemaphoreSlim(concurrency);
        var tasks = Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await OneAsync(latencies, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (Interlocked.Increment(ref failures) <= 3)
                    Console.Error.WriteLine($"handover failed: {e.GetType().Name}: {e.Message}");
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks);
        await WaitUntilSettledAsync(count - failures, cancellationToken);
        var elapsed = watch.Elapsed;
        await sampling.CancelAsync();
        await sampler;
        var events = await InboxCountAsync() - eventsBefore;
        return new HubRunResult(count, elapsed, events, latencies.Order().ToList(), failures, timeline);
    }

    async Task OneAsync(ConcurrentBag<double> latencies, CancellationToken cancellationToken)
    {
        var handoverId = Guid.NewGuid();
        var document = Messages.Handover(Sender, Receiver);
        document["handoverId"] = handoverId.ToString();
        var slot = Slot(handoverId);
        var started = Stopwatch.GetTimestamp();
        var accepted = await asAgency(Sender).SubmitAsync(document);
        if (accepted != handoverId)
            throw new InvalidOperationException($"hub answered handover {accepted}, asked for {handoverId}");
        var arrived = await slot.Task.WaitAsync(TimeSpan.FromSeconds(120), cancellationToken);
        latencies.Add(Stopwatch.GetElapsedTime(started, arrived).TotalMilliseconds);
        _delivered.TryRemove(handoverId, out _);

        foreach (var kind in new[] { "receipt", "care-started" })
        {
            using var response = await asAgency(Receiver).FeedbackAsync(handoverId, Messages.Feedback(kind, Receiver));
            if ((int)response.StatusCode != 202)
                throw new InvalidOperationException($"{kind} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>Done when every handover's care has started in the saga and the outbox has sent everything.</summary>
    async Task WaitUntilSettledAsync(int expected, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (DateTime.UtcNow < deadline)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            var inCare = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM handovers WHERE current_state = 'InCare'");
            var pending = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL");
            if (inCare >= expected && pending == 0)
                return;
            await Task.Delay(50, cancellationToken);
        }
        throw new TimeoutException("the hub did not settle within 10 minutes");
    }

    /// <summary>Saga steps written so far: each bumps its handover's version by one (the first step writes version 1).</summary>
    async Task<long> InboxCountAsync()
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(version), 0) FROM handovers");
    }

    /// <summary>Once a second: where the work waits (outbox rows in the database) and how many saga steps were written.</summary>
    async Task SampleAsync(List<string> timeline, Stopwatch watch, CancellationToken stop)
    {
        var factory = new ConnectionFactory { HostName = "127.0.0.1", Port = amqpPort, UserName = "guest", Password = "guest" };
        await using var connection = await factory.CreateConnectionAsync("bench-sampler");
        await using var channel = await connection.CreateChannelAsync();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = watch.Elapsed;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(1000, stop);
                await using var db = await database.OpenAsync(stop);
                var pending = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL");
                var steps = await db.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(version), 0) FROM handovers");
                var nowCpu = Process.GetCurrentProcess().TotalProcessorTime;
                var nowWall = watch.Elapsed;
                var cores = (nowCpu - cpu).TotalSeconds / (nowWall - wall).TotalSeconds;
                (cpu, wall) = (nowCpu, nowWall);
                lock (timeline)
                    timeline.Add($"{nowWall.TotalSeconds,5:0}s  outbox pending {pending,5}  saga steps {steps,6}  bench+hub CPU {cores:0.00} cores");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
