using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Privacy;
using IntegrationHub.Hub.Rejects;

namespace IntegrationHub.Hub.Handover;

/// <summary>
/// Accepts a handover in the fixed format: validates it, and in one transaction records the
/// submission (idempotent on messageId), stores the document and queues <see cref="HandoverSubmitted"/>
/// in the outbox. Only after that commit does the sender hear "accepted": nothing accepted is lost.
/// </summary>
public sealed class HandoverIntake(
    HubDatabase database, HandoverValidator validator, SubjectKeys subjectKeys, RejectStore rejects,
    OutboxSignal signal, TimeProvider clock, IDeliveryLog deliveryLog, ILogger<HandoverIntake> logger)
{
    public async Task<IntakeResult> SubmitAsync(string json, string channel, CancellationToken cancellationToken)
    {
        var outcome = validator.Validate(json);
        if (!outcome.IsValid)
        {
            var rejectId = await rejects.AddAsync(channel, null, "application/json", outcome.Report.Problems, Encoding.UTF8.GetBytes(json), cancellationToken).ConfigureAwait(false);
            logger.LogWarning("Handover refused on {Channel} with {ProblemCount} problem(s); reject {RejectId}", channel, outcome.Report.Problems.Count, rejectId);
            await deliveryLog.AppendAsync(new DeliveryLogEntry
            {
                At = clock.GetUtcNow(), MessageId = LoggedMessageId(json), Kind = "handover", PayloadSha256 = PayloadHash.OfJson(json),
                Sender = Field(json, "sender", "agencyId"), Receiver = Field(json, "receiver", "agencyId"),
                Outcome = DeliveryOutcomes.Rejected, Channel = channel,
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new IntakeResult.Invalid(outcome.Report.Problems);
        }
        var document = outcome.Document!;

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (await ExistingAsync(connection, document.MessageId, null).ConfigureAwait(false) is { } earlier)
            return earlier;

        var handoverId = document.HandoverId ?? Guid.NewGuid();
        var now = clock.GetUtcNow();
        var subjectKey = await subjectKeys.ForBsnAsync(document.Subject.Bsn, cancellationToken).ConfigureAwait(false);
        // The receiver gets the hub's handover id inside the document, so its feedback can name it.
        var stored = JsonNode.Parse(json)!.AsObject();
        stored["handoverId"] = handoverId.ToString();
        var payload = stored.ToJsonString(HubJson.Options);

        var submitted = new HandoverSubmitted
        {
            HandoverId = handoverId,
            SubmissionMessageId = document.MessageId,
            Sender = document.Sender.AgencyId,
            Receiver = document.Receiver.AgencyId,
            Urgency = document.Urgency,
            Purpose = document.Purpose,
            LegalBasis = document.LegalBasis.Kind,
            RequestedAction = document.RequestedAction,
            SubjectKey = subjectKey,
            SubmittedAt = now,
        };
        var accepted = new DeliveryLogEntry
        {
            At = now, MessageId = document.MessageId, HandoverId = handoverId, Sender = document.Sender.AgencyId, Receiver = document.Receiver.AgencyId,
            Kind = "handover", Purpose = document.Purpose, LegalBasis = document.LegalBasis.Kind, SubjectKey = subjectKey,
            PayloadSha256 = PayloadHash.OfJson(json), Outcome = DeliveryOutcomes.Accepted, Channel = channel,
        };
        var payloadSha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload)));
        var refused = await database.WriteAsync<IntakeResult?>(async scope =>
        {
            var (c, tx) = (scope.Connection, scope.Transaction);
            var inserted = await c.ExecuteAsync(
                "INSERT INTO submissions (message_id, handover_id, received_at) VALUES (@MessageId, @HandoverId, @Now) ON CONFLICT DO NOTHING",
                new { MessageId = document.MessageId.ToString(), HandoverId = handoverId.ToString(), Now = Epoch.Ms(now) }, tx).ConfigureAwait(false);
            if (inserted == 0)
            {
                scope.Abort();
                return new IntakeResult.Conflict($"messageId {document.MessageId} is being accepted concurrently; retry");
            }
            var documentInserted = await c.ExecuteAsync(
                """
                INSERT INTO handover_documents (handover_id, sender, receiver, payload, payload_sha256, received_at)
                VALUES (@HandoverId, @Sender, @Receiver, @Payload, @Sha, @Now) ON CONFLICT DO NOTHING
                """,
                new
                {
                    HandoverId = handoverId.ToString(), Sender = document.Sender.AgencyId, Receiver = document.Receiver.AgencyId,
                    Payload = payload, Sha = payloadSha, Now = Epoch.Ms(now),
                }, tx).ConfigureAwait(false);
            if (documentInserted == 0)
            {
                scope.Abort();
                return new IntakeResult.Conflict($"handover {handoverId} already exists under another messageId");
            }
            await OutboxStore.AddAsync(c, tx, [OutgoingMessage.Publish(submitted, document.MessageId)]).ConfigureAwait(false);
            await deliveryLog.AppendAsync(accepted, c, tx, CancellationToken.None).ConfigureAwait(false);
            return null;
        }, cancellationToken).ConfigureAwait(false);
        if (refused is IntakeResult.Conflict)
            return await ExistingAsync(connection, document.MessageId, null).ConfigureAwait(false) ?? refused;
        signal.Notify();

        logger.LogInformation("Handover {HandoverId} accepted from {Sender} for {Receiver} ({Urgency}) on {Channel}",
            handoverId, document.Sender.AgencyId, document.Receiver.AgencyId, document.Urgency, channel);
        return new IntakeResult.Accepted(handoverId, HandoverStates.Submitted, Duplicate: false);
    }

    /// <summary>The sender's messageId when it can be read; otherwise an id derived from the bytes, so the log entry is still unique.</summary>
    internal static Guid LoggedMessageId(string json) =>
        Guid.TryParse(Field(json, "messageId"), out var id) ? id : Adapters.DeterministicId.From("unreadable", PayloadHash.OfJson(json));

    internal static string? Field(string json, params string[] path)
    {
        try
        {
            var node = JsonNode.Parse(json);
            foreach (var part in path)
                node = node is JsonObject o ? o[part] : null;
            return node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length <= 100 ? s : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    static async Task<IntakeResult?> ExistingAsync(System.Data.Common.DbConnection connection, Guid messageId, System.Data.Common.DbTransaction? tx)
    {
        var existing = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT handover_id FROM submissions WHERE message_id = @MessageId", new { MessageId = messageId.ToString() }, tx).ConfigureAwait(false);
        if (existing is null)
            return null;
        var state = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT current_state FROM handovers WHERE correlation_id = @Id", new { Id = existing }, tx).ConfigureAwait(false);
        return new IntakeResult.Accepted(Guid.Parse(existing), state is null ? HandoverStates.Submitted : StateNames.Public(state), Duplicate: true);
    }
}
