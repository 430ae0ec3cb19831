using System.Data.Common;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Rejects;

namespace IntegrationHub.Hub.Feedback;

/// <summary>
/// Accepts feedback on a handover from one of its parties, as itself: strangers learn nothing (404), a party
/// naming another agency or giving feedback that is the other party's is refused (403), feedback that does
/// not fit the state is refused with a reason (409). Accepted feedback is stored and queued for the saga in
/// one transaction; its messageId is scoped to the handover.
/// </summary>
public sealed class FeedbackIntake(
    HubDatabase database, FeedbackValidator validator, FeedbackTimeline timeline, RejectStore rejects, ImpersonationRecord impersonations, OutboxSignal signal,
    TimeProvider clock, IDeliveryLog deliveryLog, ILogger<FeedbackIntake> logger)
{
    public async Task<IntakeResult> SubmitAsync(Guid handoverId, string json, Caller caller, string channel, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // A handover the caller is no party to does not exist for it (API.md): no hint either way.
        if (await CurrentAsync(connection, handoverId).ConfigureAwait(false) is not var (state, sender, receiver)
            || caller.AgencyId is not { } callerAgency || (callerAgency != sender && callerAgency != receiver))
            return new IntakeResult.NotFound(handoverId);

        var contentSha = PayloadHash.OfJson(json);
        if (HandoverIntake.Field(json, "by", "agencyId") is { } claimed && claimed != callerAgency)
        {
            var problem = new ValidationProblem("/by/agencyId", $"names another agency than the caller ({callerAgency}); an agency gives feedback only as itself");
            await impersonations.RecordAsync(caller, channel, "feedback", problem, HandoverIntake.LoggedMessageId(json), contentSha, handoverId, cancellationToken).ConfigureAwait(false);
            return new IntakeResult.Forbidden(problem.Path, problem.Reason);
        }

        var outcome = validator.Validate(json);
        var problems = outcome.Report.Problems.ToList();
        if (outcome.Document is { } valid)
            problems.AddRange(await timeline.CheckAsync(connection, handoverId, valid).ConfigureAwait(false));
        if (outcome.Document?.HandoverId is { } named && named != handoverId)
            problems.Add(new ValidationProblem("/handoverId", $"names handover {named}, but the feedback was posted to handover {handoverId}"));
        if (problems.Count > 0)
        {
            await rejects.AddAsync(channel, callerAgency, "application/json", problems, Encoding.UTF8.GetBytes(json), cancellationToken, handoverId).ConfigureAwait(false);
            await LogAsync(json, handoverId, callerAgency, null, "feedback", DeliveryOutcomes.Rejected, channel, cancellationToken).ConfigureAwait(false);
            return new IntakeResult.Invalid(problems);
        }
        var feedback = outcome.Document!;

        var earlier = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT payload_sha256 FROM feedback_documents WHERE handover_id = @HandoverId AND message_id = @Id",
            new { HandoverId = handoverId.ToString(), Id = feedback.MessageId.ToString() }).ConfigureAwait(false);
        if (earlier is not null)
            return earlier == contentSha || earlier == "migrated"
                ? new IntakeResult.Accepted(handoverId, state, Duplicate: true)
                : new IntakeResult.Conflict($"messageId {feedback.MessageId} was already used on this handover for other feedback; new feedback needs a new messageId");

        if (FeedbackRules.WrongParty(feedback.Kind, callerAgency, sender, receiver) is { } wrongParty)
        {
            await LogAsync(json, handoverId, callerAgency, null, "feedback:" + feedback.Kind, DeliveryOutcomes.Refused, channel, cancellationToken).ConfigureAwait(false);
            return new IntakeResult.Forbidden("/kind", wrongParty);
        }
        if (FeedbackRules.Misfit(feedback.Kind, state) is { } misfit)
        {
            logger.LogWarning("Feedback {Kind} on handover {HandoverId} from {Agency} refused: state {State}", feedback.Kind, handoverId, callerAgency, state);
            await LogAsync(json, handoverId, callerAgency, null, "feedback:" + feedback.Kind, DeliveryOutcomes.Refused, channel, cancellationToken).ConfigureAwait(false);
            return new IntakeResult.Conflict(misfit);
        }

        var at = feedback.At ?? clock.GetUtcNow();
        var node = JsonNode.Parse(json)!.AsObject();
        node["handoverId"] = handoverId.ToString();
        var payload = node.ToJsonString(HubJson.Options);
        var message = FeedbackEvents.From(feedback, handoverId, at, JsonSerializer.Deserialize<JsonElement>(payload));

        // The bus message id is scoped like the messageId: the same id on two handovers is two messages.
        var outgoing = new OutgoingMessage(DeterministicId.From("feedback", $"{handoverId}/{feedback.MessageId}"), OutgoingMessage.PublishDestination,
            message.GetType().Name, JsonSerializer.Serialize(message, message.GetType(), BusJson.Options));
        var accepted = Entry(json, handoverId, callerAgency, callerAgency == sender ? receiver : sender,
            "feedback:" + feedback.Kind, DeliveryOutcomes.Accepted, channel);
        var fresh = await database.WriteAsync(async scope =>
        {
            var inserted = await scope.Connection.ExecuteAsync(
                """
                INSERT INTO feedback_documents (handover_id, message_id, kind, by_agency, payload, payload_sha256, received_at)
                VALUES (@HandoverId, @MessageId, @Kind, @By, @Payload, @Sha, @Now) ON CONFLICT DO NOTHING
                """,
                new
                {
                    HandoverId = handoverId.ToString(), MessageId = feedback.MessageId.ToString(), feedback.Kind, By = callerAgency, Payload = payload,
                    Sha = contentSha, Now = Epoch.Ms(clock.GetUtcNow()),
                },
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

        logger.LogInformation("Feedback {Kind} on handover {HandoverId} accepted from {Agency} on {Channel}", feedback.Kind, handoverId, callerAgency, channel);
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
