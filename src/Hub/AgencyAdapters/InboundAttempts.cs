using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace IntegrationHub.Hub.AgencyAdapters;

/// <summary>
/// How often this hub process has tried an inbound message it could not take for a transient reason.
/// RabbitMQ's classic queues say only whether a message was delivered before (<c>redelivered</c>), not how
/// often, so the count is kept here, keyed by the queue and the SHA-256 of the body (the same bytes are
/// the same message). In memory, not in a table: the failures it counts are the database being
/// unreachable, and a count in that database could not be written either. Nor in a header of a copy
/// republished to the back of the queue: that would move a handover behind feedback on it. A message is
/// requeued (RabbitMQ puts it back at its place; messages already prefetched may overtake it). A restart
/// starts the count again, counting a redelivered message's earlier attempt as one: a message gets at most
/// <see cref="Hosting.InboundOptions.MaxAttempts"/> tries per process, never an endless loop. A message that
/// kills the process itself (not an exception) is not counted: that needs the broker's delivery limit
/// (quorum queues' x-delivery-limit), which classic queues do not have.
/// </summary>
public sealed class InboundAttempts
{
    /// <summary>Far more than the prefetch of every agency together; past it the oldest counts are forgotten.</summary>
    const int MaxTracked = 10_000;

    readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public static string Key(string queue, ReadOnlySpan<byte> body) => $"{queue}:{Convert.ToHexStringLower(SHA256.HashData(body))}";

    /// <summary>Records one more failed attempt and returns how many there have been.</summary>
    /// <param name="redelivered">the broker delivered it before: an attempt by an earlier process counts too.</param>
    public int Failed(string key, bool redelivered)
    {
        if (_attempts.Count >= MaxTracked)
            _attempts.Clear();
        return _attempts.AddOrUpdate(key, redelivered ? 2 : 1, (_, n) => n + 1);
    }

    public void Forget(string key) => _attempts.TryRemove(key, out _);
}
