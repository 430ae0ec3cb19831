using System.Data.Common;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Faults;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Rejects;

namespace IntegrationHub.Hub.Feedback;

/// <summary>
/// Accepts feedback on a handover from one of its parties, as itself: strangers learn nothing (404), a party
/// naming another agency or giving feedback that is the other party's is refused (403), feedback that does
/// not fit the state is refused with a reason (409). Accepted feedback is stored with the step it causes, in
/// one transaction, so the answer is the decision the hub stored; its messageId is scoped to the handover.
/// </summary>
public sealed class FeedbackIntake(
    HubDatabase database, FeedbackValidator validator, FeedbackTimeline timeline, RejectStore rejects, ImpersonationRecord impersonations,
    HandoverStepRunner steps, StepFaults faults, TimeProvider clock, IDeliveryLog deliveryLog, Retour.Retours retours,
    IEnumerable<IIntakeListener> listeners, ILogger<FeedbackIntake> logger)
{
    /// <param name="origin">where its retour goes and what the agency called the message; default: the calling agency, by messageId.</param>
    public async Task<IntakeResult> SubmitAsync(Guid handoverId, string json, Caller caller, string channel, CancellationToken cancellationToken,
        Retour.InboundOrigin? origin = null)
    {
        if (caller.AgencyId is { } agency)
            origin ??= new Retour.InboundOrigin(agency);
        var messageId = HandoverIntake.LoggedMessageId(json);
        var key = $"feedback/{handoverId}/{messageId}/{PayloadHash.OfJson(json)}";
        (string, string)? parties = null;
        var result = await SubmitAsync(handoverId, json, caller, channel, origin, key, p => parties = p, cancellationToken).ConfigureAwait(false);
        // A fresh acceptance's retour was written with it; every other answer is written now that it is on record.
        await retours.AnswerAsync(origin, key, Retour.RetourAnswers.For(result, messageId, result is IntakeResult.NotFound ? null : handoverId), parties,
            cancellationToken).ConfigureAwait(false);
        return result;
    }

    async Task<IntakeResult> SubmitAsync(Guid handoverId, string json, Caller caller, string channel, Retour.InboundOrigin? origin, string key,
        Action<(string, string)> known, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.HubTracing.Start("feedback intake");
        activity?.SetTag(Telemetry.HubTracing.HandoverId, handoverId.ToString()).SetTag(Telemetry.HubTracing.Channel, channel)
            .SetTag(Telemetry.HubTracing.Agency, caller.AgencyId);
        var result = await IntakeAsync(handoverId, json, caller, channel, origin, key, known, cancellationToken).ConfigureAwait(false);
        activity?.SetTag(Telemetry.HubTracing.Outcome, result.GetType().Name);
        return result;
    }

    async Task<IntakeResult> IntakeAsync(Guid handoverId, string json, Caller caller, string channel, Retour.InboundOrigin? origin, string key,
        Action<(string, string)> known, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // A handover the caller is no party to does not exist for it (API.md): no hint either way.
        if (await CurrentAsync(connection, handoverId).ConfigureAwait(false) is not var (machineState, sender, receiver)
            || caller.AgencyId is not { } callerAgency || (callerAgency != sender && callerAgency != receiver))
            return new IntakeResult.NotFound(handoverId);
        known((sender, receiver));

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
                ? new IntakeResult.Accepted(handoverId, StateNames.Public(machineState), Duplicate: true)
                : new IntakeResult.Conflict($"messageId {feedback.MessageId} was already used on this handover for other feedback; new feedback needs a new messageId");

        var at = feedback.At ?? clock.GetUtcNow();
        var node = JsonNode.Parse(json)!.AsObject();
        node["handoverId"] = handoverId.ToString();
        var payload = node.ToJsonString(HubJson.Options);
        var message = FeedbackEvents.From(feedback, handoverId, at, JsonSerializer.Deserialize<JsonElement>(payload));
        var accepted = Entry(json, handoverId, callerAgency, callerAgency == sender ? receiver : sender,
            "feedback:" + feedback.Kind, DeliveryOutcomes.Accepted, channel);

        // The machine decides on the state as stored, in the unit that stores the feedback: two answers racing
        // on one handover cannot both be told "accepted" (issue: care-started and withdrawal together).
        (StepOutcome Outcome, string State)? run;
        try
        {
            run = await RunStepAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not System.Data.Common.DbException)
        {
            // Nothing was stored (the unit rolled back), so the messageId is still free for a corrected resend.
            await faults.RecordAsync(handoverId, "feedback:" + feedback.Kind, e, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        Task<(StepOutcome Outcome, string State)?> RunStepAsync() => steps.RunAsync(handoverId, message, async scope =>
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
            await deliveryLog.AppendAsync(accepted, scope.Connection, scope.Transaction, CancellationToken.None).ConfigureAwait(false);
            if (origin is not null)
                await retours.AnswerAsync(scope, origin, key, Retour.RetourAnswers.Accepted(feedback.MessageId, handoverId), (sender, receiver)).ConfigureAwait(false);
            foreach (var listener in listeners)
                await listener.FeedbackAcceptedAsync(scope, new AcceptedFeedback(handoverId, feedback, sender, receiver, at, channel)).ConfigureAwait(false);
            return true;
        }, cancellationToken);
        // A copy of this very message stored meanwhile (the broker gave it to another instance while this one still
        // worked on it, or the agency sent it twice at once) moved the state on: a duplicate, answered as one, not a refusal.
        if (run is (StepOutcome.Refused, var moved) && await connection.QuerySingleOrDefaultAsync<string?>(
                "SELECT payload_sha256 FROM feedback_documents WHERE handover_id = @HandoverId AND message_id = @Id",
                new { HandoverId = handoverId.ToString(), Id = feedback.MessageId.ToString() }).ConfigureAwait(false) == contentSha)
            return new IntakeResult.Accepted(handoverId, StateNames.Public(moved), Duplicate: true);
        switch (run)
        {
            case null:
                return new IntakeResult.NotFound(handoverId);
            case (StepOutcome.Refused refused, var current):
                logger.LogWarning("Feedback {Kind} on handover {HandoverId} from {Agency} refused: {Why} (state {State})",
                    feedback.Kind, handoverId, callerAgency, refused.WrongParty ? "wrong party" : "does not fit", StateNames.Public(current));
                await LogAsync(json, handoverId, callerAgency, null, "feedback:" + feedback.Kind, DeliveryOutcomes.Refused, channel, cancellationToken).ConfigureAwait(false);
                return refused.WrongParty ? new IntakeResult.Forbidden("/kind", refused.Reason) : new IntakeResult.Conflict(refused.Reason);
            case (StepOutcome.Ignored, var current):
                // Another copy of this messageId was stored first.
                return new IntakeResult.Accepted(handoverId, StateNames.Public(current), Duplicate: true);
            case (_, var current):
                logger.LogInformation("Feedback {Kind} on handover {HandoverId} accepted from {Agency} on {Channel}", feedback.Kind, handoverId, callerAgency, channel);
                return new IntakeResult.Accepted(handoverId, StateNames.Public(current), Duplicate: false);
        }
    }

    Task LogAsync(string json, Guid handoverId, string? from, string? to, string kind, string outcome, string channel, CancellationToken cancellationToken) =>
        deliveryLog.AppendAsync(Entry(json, handoverId, from, to, kind, outcome, channel), cancellationToken: cancellationToken);

    DeliveryLogEntry Entry(string json, Guid handoverId, string? from, string? to, string kind, string outcome, string channel) => new()
    {
        At = clock.GetUtcNow(), MessageId = HandoverIntake.LoggedMessageId(json), HandoverId = handoverId, Sender = from, Receiver = to,
        Kind = kind, PayloadSha256 = PayloadHash.OfJson(json), Outcome = outcome, Channel = channel,
    };

    /// <summary>The handover's public state and parties.</summary>
    static Task<(string State, string Sender, string Receiver)?> CurrentAsync(DbConnection connection, Guid handoverId) =>
        connection.QuerySingleOrDefaultAsync<(string State, string Sender, string Receiver)?>(
            "SELECT current_state, sender, receiver FROM handovers WHERE correlation_id = @Id", new { Id = handoverId.ToString() });
}
