using System.Collections.Concurrent;
using IntegrationHub.Hub.Delivery;

namespace IntegrationHub.Hub.Outbox;

/// <summary>
/// What earlier journal reads in this process established about outbox rows. Both facts stay true (the
/// journal only grows), so a row retried for hours, say to a webhook that is down, costs one long read
/// instead of one per retry. Only a shortcut: forgetting everything is always safe.
/// </summary>
public sealed class JournalKnowledge
{
    /// <summary>Rows a hub may be retrying at once; past it the knowledge is dropped and rebuilt by reading.</summary>
    const int Capacity = 10_000;

    readonly ConcurrentDictionary<long, DroppedCopy> _dropped = new();
    readonly ConcurrentDictionary<long, DateTimeOffset> _noCopyBefore = new();

    public DroppedCopy? CopyOf(long rowId) => _dropped.GetValueOrDefault(rowId);

    /// <summary>Where a read for this row may start: no copy of it reached the journal before then.</summary>
    public DateTimeOffset NoCopyBefore(ClaimedRow row) => _noCopyBefore.TryGetValue(row.Id, out var at) && at > row.CreatedAt ? at : row.CreatedAt;

    public void Found(long rowId, DroppedCopy copy)
    {
        Bound();
        _dropped[rowId] = copy;
        _noCopyBefore.TryRemove(rowId, out _);
    }

    /// <param name="checkedAt">Taken before the read's marker was published: anything earlier would have been read.</param>
    public void NotFound(long rowId, DateTimeOffset checkedAt)
    {
        Bound();
        _noCopyBefore[rowId] = checkedAt;
    }

    void Bound()
    {
        if (_dropped.Count + _noCopyBefore.Count < Capacity)
            return;
        _dropped.Clear();
        _noCopyBefore.Clear();
    }
}
