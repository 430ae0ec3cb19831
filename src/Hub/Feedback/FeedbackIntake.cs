using System.Data.Common;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Rejects;

namespace IntegrationHub.Hub.Feedback;

/// <summary>
/// Accepts feedback on a handover: validated, checked against the handover's state and parties
/// (refused with a reason, never silently), stored and queued for the saga in one transaction.
/// </summary>
public sealed class FeedbackIntake(
    HubDatabase database, FeedbackValidator validator, RejectStore rejects, OutboxSignal signal, TimeProvider clock, IDeliveryLog deliveryLog,
    ILogger<FeedbackIntake> logger)
{
    public async Task<IntakeResult> SubmitAsync(Guid handoverId, string json, string channel, CancellationToken cancellationToken)
    {
        var outcome = validator.Validate(json);
        var problems = outcome.Report.Problems.ToList();
        if (outcome.Document?.HandoverId is { } named && named != handoverId)
            problems.Add(new ValidationProblem("/handoverId", $"names handover {named}, but the feedback was posted to handover {handoverId}"));
        if (problems.Count > 0)
        {
            await rejects.AddAsync(channel, null, "application/json", problems, Encoding.UTF8.GetBytes(json), cancellationToken).ConfigureAwait(false);
            await LogAsync(json, handoverId, HandoverIntake.Field(json, "by", "agencyId"), null, "feedback", DeliveryOutcomes.Rejected, channel, cancellationToken).ConfigureAwait(false);
            return new IntakeResult.Invalid(problems);
        }
        var feedback = outcome.Document!;

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var current = await CurrentAsync(connection, handoverId).ConfigureAwait(false);
        if (current is null)
            return new IntakeResult.NotFound(handoverId);
        var (state, sender, receiver) = current.Value;

        if (await connection.ExecuteScalarAsync<string>("SELECT handover_id FROM feedback_documents WHERE message_id = @Id",
                new { Id = feedback.MessageId.ToString() }).ConfigureAwait(false) is not null)
            return new IntakeResult.Accepted(handoverId, state, Duplicate: true);

        if (FeedbackRules.Refusal(feedback.Kind, state, feedback.By.AgencyId, sender, receiver) is { } refusal)
        {
            logger.LogWarning("Feedback {Kind} on handover {HandoverId} from {Agency} refused: state {State}", feedback.Kind, handoverId, feedback.By.AgencyId, state);
            await LogAsync(json, handoverId, feedback.By.AgencyId, null, "feedback:" + feedback.Kind, DeliveryOutcomes.Refused, channel, cancellationToken).ConfigureAwait(false);
            return new IntakeResult.Conflict(refusal);
        }

        var at = feedback.At ?? clock.GetUtcNow();
        var node = JsonNode.Parse(json)!.AsObject();
        node["handoverId"] = handoverId.ToString();
        var payload = node.ToJsonString(HubJson.Options);
        var message = FeedbackEvents.From(feedback, handoverId, at, JsonSerializer.Deserialize<JsonElement>(payload));

        var outgoing = new OutgoingMessage(feedback.MessageId, OutgoingMessage.PublishDestination, message.GetType().Name,
            JsonSerializer.Serialize(message, message.GetType(), BusJson.Options));
        var accepted = Entry(json, handoverId, feedback.By.AgencyId, feedback.Kind == Contracts.Handover.FeedbackKinds.Withdrawal ? receiver : sender,
            "feedback:" + feedback.Kind, DeliveryOutcomes.Accepted, channel);
        var fresh = await database.WriteAsync(async scope =>
        {
            var inserted = await scope.Connection.ExecuteAsync(
                """
                INSERT INTO feedback_documents (message_id, handover_id, kind, by_agency, payload, received_at)
                VALUES (@MessageId, @HandoverId, @Kind, @By, @Payload, @Now) ON CONFLICT DO NOTHING
                """,
                new { MessageId = feedback.MessageId.ToString(), HandoverId = handoverId.ToString(), feedback.Kind, By = feedback.By.AgencyId, Payload = payload, Now = Epoch.Ms(clock.GetUtcNow()) },
                scope.Transaction).ConfigureAwait(false);
            if (inserted == 0)
                return false;
            await OutboxStore.AddAsync(scope.Connection, scope.Transaction, [outgoing]).ConfigureAwait(false);
            await deliveryLog.AppendAsync(accepted, scope.Connection, scope.Transaction, CancellationToken.None).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (!fresh)
            return new IntakeResult.Accepted(handoverId, state, Duplicate: true);
        signal.Notify();

        logger.LogInformation("Feedback {Kind} on handover {HandoverId} accepted from {Agency} on {Channel}", feedback.Kind, handoverId, feedback.By.AgencyId, channel);
        return new IntakeResult.Accepted(handoverId, state, Duplicate: false);
    }

    Task LogAsync(string json, Guid handoverId, string? from, string? to, string kind, string outcome, string channel, CancellationToken cancellationToken) =>
        deliveryLog.AppendAsync(Entry(json, handoverId, from, to, kind, outcome, channel), cancellationToken: cancellationToken);

    DeliveryLogEntry Entry(string json, Guid handoverId, string? from, string? to, string kind, string outcome, string channel) => new()
    {
        At = clock.GetUtcNow(), MessageId = HandoverIntake.LoggedMessageId(json), HandoverId = handoverId, Sender = from, Receiver = to,
        Kind = kind, PayloadSha256 = PayloadHash.OfJson(json), Outcome = outcome, Channel = channel,
    };

    /// <summary>The handover's public state and parties; a handover accepted but not yet seen by the saga counts as submitted.</summary>
    static async Task<(string State, string Sender, string Receiver)?> CurrentAsync(DbConnection connection, Guid handoverId)
    {
        var id = handoverId.ToString();
        var saga = await connection.QuerySingleOrDefaultAsync<(string State, string Sender, string Receiver)?>(
            "SELECT current_state, sender, receiver FROM handovers WHERE correlation_id = @Id", new { Id = id }).ConfigureAwait(false);
        if (saga is { } s)
            return (StateNames.Public(s.State), s.Sender, s.Receiver);
        var document = await connection.QuerySingleOrDefaultAsync<(string Sender, string Receiver)?>(
            "SELECT sender, receiver FROM handover_documents WHERE handover_id = @Id", new { Id = id }).ConfigureAwait(false);
        return document is { } d ? (Contracts.Handover.HandoverStates.Submitted, d.Sender, d.Receiver) : null;
    }
}
