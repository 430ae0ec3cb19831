using System.Text;
using System.Text.Json;
using Dapper;
using IntegrationHub.Hub.Feedback;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Operator;

/// <summary>What replaying a reject gave, as recorded on the reject row.</summary>
public sealed record ReplayOutcome(
    long RejectId, string Outcome, Guid? HandoverId, string? State, bool Duplicate, IReadOnlyList<RejectReason> Problems, string? Detail)
{
    public const string Accepted = "accepted";
    public const string Invalid = "invalid";
    public const string NotFound = "not-found";
    public const string Conflict = "conflict";
}

/// <summary>
/// Runs a refused message through intake again, corrected or as it was, exactly as if its sender had
/// posted it: the same validation, idempotency and outbox. The outcome is stored on the reject row, so
/// the operator's list shows what became of it. A replay that fails again is itself recorded as a new reject.
/// </summary>
public sealed class RejectReplay(HubDatabase database, RejectList rejects, HandoverIntake handovers, FeedbackIntake feedback, TimeProvider clock)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <returns>null when there is no reject <paramref name="rejectId"/>.</returns>
    public async Task<ReplayOutcome?> ReplayAsync(long rejectId, string? correctedBody, Guid? handoverId, CancellationToken cancellationToken)
    {
        var reject = await rejects.FindAsync(rejectId, cancellationToken).ConfigureAwait(false);
        if (reject is null)
            return null;
        var body = string.IsNullOrWhiteSpace(correctedBody)
            ? reject.OriginalText ?? Encoding.UTF8.GetString(Convert.FromBase64String(reject.OriginalBase64))
            : correctedBody;
        var channel = $"operator:replay:{rejectId}";

        ReplayOutcome outcome;
        if (IsFeedback(reject.Channel))
        {
            var target = handoverId ?? HandoverIdIn(body);
            outcome = target is { } id
                ? From(rejectId, await feedback.SubmitAsync(id, body, channel, cancellationToken).ConfigureAwait(false))
                : new ReplayOutcome(rejectId, ReplayOutcome.Invalid, null, null, false,
                    [new RejectReason("/handoverId", "feedback needs the handover it is about: give handoverId in the body or as ?handoverId=")], null);
        }
        else
            outcome = From(rejectId, await handovers.SubmitAsync(body, channel, cancellationToken).ConfigureAwait(false));

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("UPDATE rejects SET replayed_at = @At, replay_result = @Result WHERE id = @Id",
            new { At = Epoch.Ms(clock.GetUtcNow()), Result = JsonSerializer.Serialize(outcome, Json), Id = rejectId }).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Rejects from the feedback call (or an adapter's feedback channel) replay as feedback; everything else as a handover.</summary>
    static bool IsFeedback(string channel) => channel.Contains("feedback", StringComparison.OrdinalIgnoreCase);

    static Guid? HandoverIdIn(string json) =>
        Guid.TryParse(HandoverIntake.Field(json, "handoverId"), out var id) ? id : null;

    static ReplayOutcome From(long rejectId, IntakeResult result) => result switch
    {
        IntakeResult.Accepted a => new(rejectId, ReplayOutcome.Accepted, a.HandoverId, a.State, a.Duplicate, [], null),
        IntakeResult.Invalid i => new(rejectId, ReplayOutcome.Invalid, null, null, false, i.Problems.Select(p => new RejectReason(p.Path, p.Reason)).ToList(), null),
        IntakeResult.NotFound n => new(rejectId, ReplayOutcome.NotFound, n.HandoverId, null, false, [], $"no handover {n.HandoverId}"),
        IntakeResult.Conflict c => new(rejectId, ReplayOutcome.Conflict, null, null, false, [], c.Reason),
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };
}
