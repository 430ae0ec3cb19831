using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IntegrationHub.Bench;

public sealed record RunResult(
    string Name, int Handovers, TimeSpan Elapsed, long SagaEvents, IReadOnlyList<double> DeliveredMs, int Failures, TimeSpan Cpu, IReadOnlyList<string> Timeline,
    long Busy = 0)
{
    public double EventsPerSecond => SagaEvents / Elapsed.TotalSeconds;
    public double CpuMsPerEvent => SagaEvents == 0 ? double.NaN : Cpu.TotalMilliseconds / SagaEvents;
}

/// <summary>One system that carries the four-step lifecycle: the hub (over HTTP) or the plain MassTransit peer (over the broker).</summary>
public interface ILifecycle
{
    string Name { get; }
    string ReceiverQueue { get; }
    string SenderQueue { get; }
    /// <summary>How the system declares its mail queues (the hub: quorum queues by default), so the driver declares them alike.</summary>
    IDictionary<string, object?>? MailQueueArguments => null;
    /// <summary>Returns once the system has accepted the handover (the hub's 202; the broker's confirm of the peer's publish).</summary>
    Task SubmitAsync(Guid handoverId, CancellationToken cancellationToken);
    Task FeedbackAsync(Guid handoverId, string kind, CancellationToken cancellationToken);
    /// <summary>Saga steps applied so far (submitted, delivered, receipt, care started).</summary>
    Task<long> StepsAsync();
    /// <summary>Every handover so far in care and every mail sent; <paramref name="senderMails"/> is what the sender's queue gave the driver.</summary>
    Task<bool> SettledAsync(long inCare, long senderMails);
    Task<long> InCareAsync();
    /// <summary>Where work waits now, for the timeline.</summary>
    Task<string> BacklogAsync();
    /// <summary>Calls the system answered "busy, send again" (the hub's 503 at its admission limit) so far.</summary>
    long BusyAnswers => 0;
}

/// <summary>
/// Drives handovers through submit -> delivered -> receipt -> care started, as the two agencies would: the receiver
/// reacts to the handover mail in its own queue. Closed loop (at most C handovers in flight: throughput) or open loop
/// (a fixed rate offered whatever the system does: latency at that load).
/// </summary>
sealed partial class LifecycleDriver(ILifecycle system, int amqpPort)
{
    // Arrival time (Stopwatch ticks) per handover id.
    readonly ConcurrentDictionary<Guid, TaskCompletionSource<long>> _delivered = new();
    long _senderMails;

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();

    TaskCompletionSource<long> Slot(Guid id) => _delivered.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    public Task<RunResult> RunClosedAsync(int count, int concurrency) => RunAsync(count, concurrency, rate: 0);

    public Task<RunResult> RunAtRateAsync(int rate, int seconds) => RunAsync(rate * seconds, concurrency: 0, rate);

    async Task<RunResult> RunAsync(int count, int concurrency, int rate)
    {
        var factory = new ConnectionFactory { HostName = "127.0.0.1", Port = amqpPort, UserName = "guest", Password = "guest" };
        await using var connection = await factory.CreateConnectionAsync("bench-agencies");
        await using var channel = await connection.CreateChannelAsync();
        await channel.BasicQosAsync(0, 500, false);
        foreach (var queue in new[] { system.ReceiverQueue, system.SenderQueue })
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, system.MailQueueArguments);
        // Every mail format carries the handover id as text.
        var receiver = new AsyncEventingBasicConsumer(channel);
        receiver.ReceivedAsync += async (_, delivery) =>
        {
            var now = Stopwatch.GetTimestamp();
            foreach (Match m in GuidPattern().Matches(Encoding.UTF8.GetString(delivery.Body.Span)))
                if (Guid.TryParse(m.Value, out var id) && _delivered.TryGetValue(id, out var slot))
                    slot.TrySetResult(now);
            await channel.BasicAckAsync(delivery.DeliveryTag, false);
        };
        await channel.BasicConsumeAsync(system.ReceiverQueue, autoAck: false, receiver);
        // The sender's feedback mail is read too, so the queue does not grow and the run knows when every mail arrived.
        var sender = new AsyncEventingBasicConsumer(channel);
        sender.ReceivedAsync += async (_, delivery) =>
        {
            Interlocked.Increment(ref _senderMails);
            await channel.BasicAckAsync(delivery.DeliveryTag, false);
        };
        await channel.BasicConsumeAsync(system.SenderQueue, autoAck: false, sender);

        var stepsBefore = await system.StepsAsync();
        var busyBefore = system.BusyAnswers;
        var inCareBefore = await system.InCareAsync();
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var timeline = new List<string>();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var sampler = SampleAsync(timeline, watch, sampling.Token);

        using var gate = new SemaphoreSlim(concurrency > 0 ? concurrency : 100_000);
        var tasks = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            if (rate > 0)
            {
                // Open loop: the i-th handover is offered at i / rate seconds, whatever happened to the others.
                var at = TimeSpan.FromSeconds((double)i / rate);
                if (at > watch.Elapsed)
                    await Task.Delay(at - watch.Elapsed);
            }
            await gate.WaitAsync();
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    await OneAsync(latencies);
                }
                catch (Exception e)
                {
                    if (Interlocked.Increment(ref failures) <= 3)
                        Console.Error.WriteLine($"{system.Name}: handover failed: {e.GetType().Name}: {e.Message}");
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        await Task.WhenAll(tasks);
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (!await system.SettledAsync(inCareBefore + count - failures, Interlocked.Read(ref _senderMails)))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{system.Name} did not settle within 10 minutes");
            await Task.Delay(20);
        }
        var elapsed = watch.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        await sampling.CancelAsync();
        await sampler;
        var events = await system.StepsAsync() - stepsBefore;
        return new RunResult(system.Name, count, elapsed, events, latencies.Order().ToList(), failures, cpu, timeline, system.BusyAnswers - busyBefore);
    }

    async Task OneAsync(ConcurrentBag<double> latencies)
    {
        var handoverId = Guid.NewGuid();
        var slot = Slot(handoverId);
        var started = Stopwatch.GetTimestamp();
        await system.SubmitAsync(handoverId, CancellationToken.None);
        var arrived = await slot.Task.WaitAsync(TimeSpan.FromSeconds(120));
        latencies.Add(Stopwatch.GetElapsedTime(started, arrived).TotalMilliseconds);
        _delivered.TryRemove(handoverId, out _);
        await system.FeedbackAsync(handoverId, "receipt", CancellationToken.None);
        await system.FeedbackAsync(handoverId, "care-started", CancellationToken.None);
    }

    /// <summary>Once a second: where the work waits, how many saga steps were applied, CPU of this process (driver and system).</summary>
    async Task SampleAsync(List<string> timeline, Stopwatch watch, CancellationToken stop)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = watch.Elapsed;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(1000, stop);
                var backlog = await system.BacklogAsync();
                var steps = await system.StepsAsync();
                var nowCpu = Process.GetCurrentProcess().TotalProcessorTime;
                var nowWall = watch.Elapsed;
                var cores = (nowCpu - cpu).TotalSeconds / (nowWall - wall).TotalSeconds;
                (cpu, wall) = (nowCpu, nowWall);
                lock (timeline)
                    timeline.Add($"{nowWall.TotalSeconds,5:0}s  {backlog}  saga steps {steps,7}  bench process CPU {cores:0.00} cores");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
