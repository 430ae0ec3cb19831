using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Persistence.Sagas;
using IntegrationHub.Hub.Privacy;
using IntegrationHub.Hub.Rejects;

namespace IntegrationHub.Hub.Handover;

/// <summary>
/// Accepts a handover in the fixed format from the agency that sends it: the sender must be the caller,
/// the content valid and its purpose allowed for the receiver; then in one transaction it records the
/// submission (idempotent on the sender's messageId), stores the document, starts the handover's saga and
/// queues its mail to the receiver in the outbox. Only after that commit does the sender hear "accepted":
/// nothing accepted is lost.
/// </summary>
public sealed class HandoverIntake(
    HubDatabase database, HandoverValidator validator, SubjectKeys subjectKeys, RejectStore rejects, ImpersonationRecord impersonations,
    AgencyDirectory directory, CovenantBook covenants, HandoverMachine machine, HandoverStore store, HandoverStepRunner steps, OutboxSignal signal,
    TimeProvider clock, IDeliveryLog deliveryLog, Retour.Retours retours, IEnumerable<IIntakeListener> listeners, ILogger<HandoverIntake> logger)
{
    /// <param name="caller">who sends it: an agency (its credential or inbound queue), or an operator replaying on its behalf.</param>
    /// <param name="origin">where its retour goes and what the agency called the message; default: the calling agency, by messageId.</param>
    /// <param name="signalHint">what the agency's own format said about the handover's signal in the referral index.</param>
    public async Task<IntakeResult> SubmitAsync(string json, Caller caller, string channel, CancellationToken cancellationToken,
        Retour.InboundOrigin? origin = null, Adapters.SignalHint? signalHint = null)
    {
        using var activity = Telemetry.HubTracing.Start("handover intake");
        activity?.SetTag(Telemetry.HubTracing.Channel, channel).SetTag(Telemetry.HubTracing.Agency, caller.AgencyId);
        var intakeStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await IntakeAsync(json, caller, channel, origin, signalHint, cancellationToken).ConfigureAwait(false);
        activity?.SetTag(Telemetry.HubTracing.Outcome, result.GetType().Name);
        if (result is IntakeResult.Accepted { Duplicate: false } accepted)
        {
            activity?.SetTag(Telemetry.HubTracing.HandoverId, accepted.HandoverId.ToString());
            Telemetry.HubMetrics.StepCommitted(nameof(HandoverSubmitted), System.Diagnostics.Stopwatch.GetElapsedTime(intakeStarted));
        }
        return result;
    }

    async Task<IntakeResult> IntakeAsync(string json, Caller caller, string channel, Retour.InboundOrigin? origin, Adapters.SignalHint? signalHint,
        CancellationToken cancellationToken)
    {
        if (caller.AgencyId is not { } callerAgency)
            return new IntakeResult.Forbidden("/sender/agencyId", "only an agency system sends handovers, as itself");
        origin ??= new Retour.InboundOrigin(callerAgency);
        var contentSha = PayloadHash.OfJson(json);
        var messageId = LoggedMessageId(json);
        var key = $"handover/{messageId}/{contentSha}";
        var result = await SubmitAsync(json, caller, callerAgency, channel, contentSha, origin, key, signalHint, cancellationToken).ConfigureAwait(false);
        // A fresh acceptance's retour was written with it; every other answer is written now that it is on record.
        var parties = Field(json, "receiver", "agencyId") is { } receiver && directory.Contains(receiver) ? (callerAgency, receiver) : ((string, string)?)null;
        await retours.AnswerAsync(origin, key, Retour.RetourAnswers.For(result, messageId, null), parties, cancellationToken).ConfigureAwait(false);
        return result;
    }

    async Task<IntakeResult> SubmitAsync(string json, Caller caller, string callerAgency, string channel, string contentSha, Retour.InboundOrigin origin, string key,
        Adapters.SignalHint? signalHint, CancellationToken cancellationToken)
    {
        if (Field(json, "sender", "agencyId") is { } claimed && claimed != callerAgency)
        {
            var problem = new ValidationProblem("/sender/agencyId", $"names another agency than the caller ({callerAgency}); an agency sends only as itself");
            await impersonations.RecordAsync(caller, channel, "handover", problem, LoggedMessageId(json), contentSha, null, cancellationToken).ConfigureAwait(false);
            return new IntakeResult.Forbidden(problem.Path, problem.Reason);
        }

        var outcome = validator.Validate(json);
        var problems = outcome.Report.Problems.ToList();
        if (outcome.Document is { } valid && PurposeProblem(valid) is { } purpose)
            problems.Add(purpose);
        HandoverState? predecessor = null;
        if (outcome.Document?.PredecessorHandoverId is { } previous)
        {
            predecessor = await store.LoadAsync(previous, cancellationToken).ConfigureAwait(false);
            // Unknown and someone else's read the same: a sender learns nothing of handovers it did not send.
            if (predecessor is null || predecessor.Sender != callerAgency)
            {
                problems.Add(new ValidationProblem("/predecessorHandoverId", "names no handover this agency sent"));
                predecessor = null;
            }
        }
        if (problems.Count > 0)
        {
            var rejectId = await rejects.AddAsync(channel, callerAgency, "application/json", problems, Encoding.UTF8.GetBytes(json), cancellationToken).ConfigureAwait(false);
            logger.LogWarning("Handover refused on {Channel} with {ProblemCount} problem(s); reject {RejectId}", channel, problems.Count, rejectId);
            await deliveryLog.AppendAsync(new DeliveryLogEntry
            {
                At = clock.GetUtcNow(), MessageId = LoggedMessageId(json), Kind = "handover", PayloadSha256 = contentSha,
                Sender = callerAgency, Receiver = Field(json, "receiver", "agencyId"),
                Outcome = DeliveryOutcomes.Rejected, Channel = channel,
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new IntakeResult.Invalid(problems);
        }
        var document = outcome.Document!;

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (await ExistingAsync(connection, callerAgency, document.MessageId, contentSha).ConfigureAwait(false) is { } earlier)
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
            Municipality = Reports.ReportDimensions.Municipality(document.Subject.Address?.City, directory.Find(document.Sender.AgencyId)?.Municipality),
            AgeBand = Reports.ReportDimensions.AgeBand(document.Subject.BirthDate, now),
            PredecessorHandoverId = predecessor?.CorrelationId,
            ChainStartedAt = predecessor is null ? null : predecessor.ChainStartedAt ?? predecessor.SubmittedAt,
            TransitionMonth = TransitionMonthOf(document.Subject.BirthDate),
        };
        var accepted = new DeliveryLogEntry
        {
            At = now, MessageId = document.MessageId, HandoverId = handoverId, Sender = document.Sender.AgencyId, Receiver = document.Receiver.AgencyId,
            Kind = "handover", Purpose = document.Purpose, LegalBasis = document.LegalBasis.Kind, SubjectKey = subjectKey,
            PayloadSha256 = contentSha, Outcome = DeliveryOutcomes.Accepted, Channel = channel,
        };
        var payloadSha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload)));
        var state = new HandoverState();
        var started = (StepOutcome.Applied)machine.Apply(state, submitted);
        // Naming the handover it re-routes meets that one's re-route deadline, in the same unit.
        var reroute = predecessor is null ? null : (await steps.PrepareAsync([(predecessor.CorrelationId, (object)new HandoverRerouted
        {
            HandoverId = predecessor.CorrelationId, SuccessorHandoverId = handoverId, SuccessorReceiver = document.Receiver.AgencyId, At = now,
        })], cancellationToken).ConfigureAwait(false))[0];
        var refused = await database.WriteAsync<IntakeResult?>(async scope =>
        {
            var (c, tx) = (scope.Connection, scope.Transaction);
            var inserted = await c.ExecuteAsync(
                """
                INSERT INTO handover_submissions (sender, message_id, handover_id, payload_sha256, received_at)
                VALUES (@Sender, @MessageId, @HandoverId, @Sha, @Now) ON CONFLICT DO NOTHING
                """,
                new { Sender = callerAgency, MessageId = document.MessageId.ToString(), HandoverId = handoverId.ToString(), Sha = contentSha, Now = Epoch.Ms(now) },
                tx).ConfigureAwait(false);
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
            if (!await store.TryInsertAsync(scope, state, started.Sent).ConfigureAwait(false))
            {
                scope.Abort();
                return new IntakeResult.Conflict($"handover {handoverId} already exists under another messageId");
            }
            if (reroute is not null)
                await steps.WriteAsync(scope, reroute).ConfigureAwait(false);
            await deliveryLog.AppendAsync(accepted, c, tx, CancellationToken.None).ConfigureAwait(false);
            await retours.AnswerAsync(scope, origin, key, Retour.RetourAnswers.Accepted(document.MessageId, handoverId),
                (document.Sender.AgencyId, document.Receiver.AgencyId)).ConfigureAwait(false);
            foreach (var listener in listeners)
                await listener.HandoverAcceptedAsync(scope, new AcceptedHandover(handoverId, document, subjectKey, now, channel, signalHint)).ConfigureAwait(false);
            return null;
        }, cancellationToken).ConfigureAwait(false);
        if (refused is IntakeResult.Conflict)
            return await ExistingAsync(connection, callerAgency, document.MessageId, contentSha).ConfigureAwait(false) ?? refused;
        signal.Notify();

        logger.LogInformation("Handover {HandoverId} accepted from {Sender} for {Receiver} ({Urgency}) on {Channel}",
            handoverId, document.Sender.AgencyId, document.Receiver.AgencyId, document.Urgency, channel);
        return new IntakeResult.Accepted(handoverId, HandoverStates.Submitted, Duplicate: false);
    }

    /// <summary>The first day of the month the child turns 17 years 6 months: the month is all the hub keeps of the birth date.</summary>
    static DateOnly TransitionMonthOf(DateOnly birthDate)
    {
        var at = birthDate.AddYears(17).AddMonths(6);
        return new DateOnly(at.Year, at.Month, 1);
    }

    /// <summary>Purpose binding (BRIEF §7): the covenant says which kinds of agency may receive each purpose.</summary>
    ValidationProblem? PurposeProblem(HandoverDocument document)
    {
        if (directory.Find(document.Receiver.AgencyId) is not { } receiver)
            return null;
        var covenant = covenants.For(document.Sender.AgencyId, document.Receiver.AgencyId);
        return covenant.MayReceive(document.Purpose, receiver.Kind)
            ? null
            : new ValidationProblem("/purpose", $"information for purpose {document.Purpose} may not go to an agency of kind {receiver.Kind} (covenant '{covenant.Name}')");
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

    /// <summary>
    /// The first answer again for the same sender's messageId with the same content; 409 for other content
    /// under that messageId. Another agency's messageId is another message.
    /// </summary>
    static async Task<IntakeResult?> ExistingAsync(System.Data.Common.DbConnection connection, string sender, Guid messageId, string contentSha)
    {
        var existing = await connection.QuerySingleOrDefaultAsync<(string HandoverId, string Sha)?>(
            "SELECT handover_id, payload_sha256 FROM handover_submissions WHERE sender = @Sender AND message_id = @MessageId",
            new { Sender = sender, MessageId = messageId.ToString() }).ConfigureAwait(false);
        if (existing is not { } row)
            return null;
        if (row.Sha != contentSha && row.Sha != "migrated")
            return new IntakeResult.Conflict($"messageId {messageId} was already used by {sender} for a handover with other content; a new handover needs a new messageId");
        var state = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT current_state FROM handovers WHERE correlation_id = @Id", new { Id = row.HandoverId }).ConfigureAwait(false);
        return new IntakeResult.Accepted(Guid.Parse(row.HandoverId), state is null ? HandoverStates.Submitted : StateNames.Public(state), Duplicate: true);
    }
}
