using System.Text;
using System.Text.Json;
using Dapper;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Operator;

public sealed record RejectReason(string Path, string Reason);

/// <summary>
/// A refused message (afgewezen bericht) in a list: why, from whom, how large, and its replay, but not its
/// content. A page of fifty originals could be two hundred megabytes; the original is on <see cref="RejectRow"/>.
/// </summary>
/// <param name="OriginalSize">the bytes received; more than <paramref name="StoredSize"/> when the original was cut off.</param>
public sealed record RejectSummary(
    long Id, DateTimeOffset ReceivedAt, string Channel, string? Agency, string? ContentType, IReadOnlyList<RejectReason> Reasons,
    long OriginalSize, long StoredSize, bool Truncated, DateTimeOffset? ReplayedAt, JsonElement? ReplayResult, Guid? HandoverId, bool Replayable);

/// <summary>
/// One refused message with its original bytes, as base64 always and as text when they are valid UTF-8.
/// <paramref name="Truncated"/>: only the first <paramref name="StoredSize"/> of <paramref name="OriginalSize"/> bytes were kept.
/// </summary>
public sealed record RejectRow(
    long Id, DateTimeOffset ReceivedAt, string Channel, string? Agency, string? ContentType, IReadOnlyList<RejectReason> Reasons,
    long OriginalSize, long StoredSize, bool Truncated,
    string OriginalBase64, string? OriginalText, DateTimeOffset? ReplayedAt, JsonElement? ReplayResult, Guid? HandoverId, bool Replayable);

/// <summary>Refused messages, newest first; optionally only those not replayed yet.</summary>
public sealed class RejectList(HubDatabase database)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    const string Columns = "id AS Id, received_at AS ReceivedAt, channel AS Channel, agency AS Agency, content_type AS ContentType, problems AS Problems, LENGTH(original) AS StoredSize, original_size AS OriginalSize, replayed_at AS ReplayedAt, replay_result AS ReplayResult, handover_id AS HandoverId, replayable AS Replayable";

    public async Task<PageOf<RejectSummary>> FindAsync(bool? replayed, PageRequest page, CancellationToken cancellationToken)
    {
        var condition = replayed switch { true => "WHERE replayed_at IS NOT NULL", false => "WHERE replayed_at IS NULL", null => "" };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM rejects {condition}").ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(
            $"SELECT {Columns} FROM rejects {condition} ORDER BY received_at DESC, id DESC LIMIT @Limit OFFSET @Offset",
            new { Limit = page.PageSize, page.Offset }).ConfigureAwait(false);
        return new PageOf<RejectSummary>(rows.Select(r => r.ToSummary()).ToList(), page.Page, page.PageSize, total);
    }

    public async Task<RejectRow?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns}, original AS Original FROM rejects WHERE id = @Id", new { Id = id }).ConfigureAwait(false);
        return row?.ToRow();
    }

    internal static string? AsText(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    sealed class Row
    {
        public long Id { get; set; }
        public long ReceivedAt { get; set; }
        public string Channel { get; set; } = "";
        public string? Agency { get; set; }
        public string? ContentType { get; set; }
        public string Problems { get; set; } = "[]";
        public long? StoredSize { get; set; }
        /// <summary>Null for rejects stored before sizes were recorded: they were kept whole.</summary>
        public long? OriginalSize { get; set; }
        public byte[] Original { get; set; } = [];
        public long? ReplayedAt { get; set; }
        public string? ReplayResult { get; set; }
        public string? HandoverId { get; set; }
        public long Replayable { get; set; } = 1;

        long Stored => StoredSize ?? 0;
        long Received => OriginalSize ?? Stored;

        public RejectSummary ToSummary() => new(
            Id, Epoch.At(ReceivedAt), Channel, Agency, ContentType, Reasons(), Received, Stored, Received > Stored,
            Epoch.At(ReplayedAt), Replay(), Handover(), Replayable != 0);

        public RejectRow ToRow() => new(
            Id, Epoch.At(ReceivedAt), Channel, Agency, ContentType, Reasons(), Received, Stored, Received > Stored,
            Convert.ToBase64String(Original), AsText(Original), Epoch.At(ReplayedAt), Replay(), Handover(), Replayable != 0);

        List<RejectReason> Reasons() => JsonSerializer.Deserialize<List<RejectReason>>(Problems, Json) ?? [];

        JsonElement? Replay() => ReplayResult is null ? null : JsonSerializer.Deserialize<JsonElement>(ReplayResult);

        Guid? Handover() => Guid.TryParse(HandoverId, out var handover) ? handover : null;
    }
}
