using System.Text;
using System.Text.Json;
using Dapper;
using IntegrationHub.Hub.Access;
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
    /// <summary>The replay would change who sends, who receives or which handover: an operator corrects content, never parties.</summary>
    public const string Forbidden = "forbidden";
}

/// <summary>
/// Runs a refused message through intake again, corrected or as it was, exactly as if its sender had
/// posted it: the same validation, idempotency and outbox, as the agency that sent it. The operator may
/// correct the content, never its parties or its handover, and is recorded as the actor (the channel).
/// The outcome is stored on the reject row; a replay that fails again is itself recorded as a new reject.
/// </summary>
public sealed class RejectReplay(HubDatabase database, RejectList rejects, HandoverIntake handovers, FeedbackIntake feedback, TimeProvider clock)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <returns>null when there is no reject <paramref name="rejectId"/>.</returns>
    public async Task<ReplayOutcome?> ReplayAsync(long rejectId, string? correctedBody, Guid? handoverId, Caller operatorCaller, CancellationToken cancellationToken)
    {
        var reject = await rejects.FindAsync(rejectId, cancellationToken).ConfigureAwait(false);
        if (reject is null)
            return null;
        if (!reject.Replayable)
            return await RecordAsync(Refused(rejectId, "/", "this refusal kept no content (the caller named another agency as itself); it cannot be replayed"), cancellationToken).ConfigureAwait(false);
        if (reject.Truncated && string.IsNullOrWhiteSpace(correctedBody))
            return await RecordAsync(Refused(rejectId, "/", $"only the first {reject.StoredSize} of the original's {reject.OriginalSize} bytes were kept; replay it with a corrected body"), cancellationToken).ConfigureAwait(false);
        var original = reject.OriginalText ?? Encoding.UTF8.GetString(Convert.FromBase64String(reject.OriginalBase64));
        var body = string.IsNullOrWhiteSpace(correctedBody) ? original : correctedBody;
        // An original refused as ambiguous JSON (a member twice) is refused again, not read one way by chance.
        if (Contracts.Validation.JsonReadability.Ambiguities(Encoding.UTF8.GetBytes(body)) is { Count: > 0 } ambiguous)
            return await RecordAsync(new ReplayOutcome(rejectId, ReplayOutcome.Invalid, null, null, false,
                ambiguous.Select(p => new RejectReason(p.Path, p.Reason)).ToList(), null), cancellationToken).ConfigureAwait(false);
        var channel = $"operator:{operatorCaller.Actor}:replay:{rejectId}";
        var isFeedback = IsFeedback(reject.Channel);
        var senderPath = isFeedback ? new[] { "by", "agencyId" } : ["sender", "agencyId"];
        // The agency that sent it; rejects from before identity name it only in the body.
        var agency = reject.Agency ?? HandoverIntake.Field(original, senderPath);
        if (agency is null)
            return await RecordAsync(Refused(rejectId, "/" + string.Join('/', senderPath), "the original does not say which agency sent it, so it cannot be replayed on its behalf"), cancellationToken).ConfigureAwait(false);
        var asSender = new Caller(HubRoles.Agency, agency, operatorCaller.Actor);

        ReplayOutcome outcome;
        if (isFeedback)
        {
            var target = reject.HandoverId ?? handoverId ?? HandoverIdIn(body);
            if (target is not { } id)
                outcome = new ReplayOutcome(rejectId, ReplayOutcome.Invalid, null, null, false,
                    [new RejectReason("/handoverId", "feedback needs the handover it is about: give handoverId in the body or as ?handoverId=")], null);
            else if (reject.HandoverId is { } posted && (handoverId ?? posted) != posted)
                outcome = Refused(rejectId, "/handoverId", $"the feedback was posted to handover {posted}; a replay cannot move it to another");
            else
                outcome = From(rejectId, await feedback.SubmitAsync(id, body, asSender, channel, cancellationToken).ConfigureAwait(false));
        }
        else if (HandoverIntake.Field(original, "receiver", "agencyId") is { } receiver && HandoverIntake.Field(body, "receiver", "agencyId") != receiver)
            outcome = Refused(rejectId, "/receiver/agencyId", $"the original was addressed to {receiver}; a replay cannot change the receiver");
        else
            outcome = From(rejectId, await handovers.SubmitAsync(body, asSender, channel, cancellationToken).ConfigureAwait(false));
        return await RecordAsync(outcome, cancellationToken).ConfigureAwait(false);
    }

    async Task<ReplayOutcome> RecordAsync(ReplayOutcome outcome, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("UPDATE rejects SET replayed_at = @At, replay_result = @Result WHERE id = @Id",
            new { At = Epoch.Ms(clock.GetUtcNow()), Result = JsonSerializer.Serialize(outcome, Json), Id = outcome.RejectId }).ConfigureAwait(false);
        return outcome;
    }

    static ReplayOutcome Refused(long rejectId, string path, string reason) =>
        new(rejectId, ReplayOutcome.Forbidden, null, null, false, [new RejectReason(path, reason)], reason);

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
        IntakeResult.Forbidden f => Refused(rejectId, f.Path, f.Reason),
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };
}
