using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Feedback;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Rejects;

namespace IntegrationHub.Hub.AgencyAdapters;

/// <summary>
/// The one path from an agency's own bytes to the saga, shared by HTTP and AMQP: the adapter reads,
/// refused input is kept with its original bytes, valid messages go through the same intakes as the
/// public API. Every message is answered with a retour in the agency's own queue: the intakes answer what they decide,
/// this answers what never reached them (unreadable, another agency named, left unprocessed after an earlier refusal).
/// Exceptions (database down) propagate, so the caller can answer 500 or requeue.
/// </summary>
public sealed class AdapterIngress(
    AdapterContext context, HandoverIntake handovers, FeedbackIntake feedback, RejectStore rejects, ImpersonationRecord impersonations,
    IDeliveryLog deliveryLog, Retour.Retours retours, TimeProvider clock, ILogger<AdapterIngress> logger)
{
    public AdapterContext Context => context;

    /// <param name="adapter">null: the body is in the hub's canonical format.</param>
    /// <param name="caller">the agency its credential (HTTP) or its inbound queue (AMQP) proved: every message must be its own.</param>
    public async Task<IngressResult> HandleAsync(IAgencyAdapter? adapter, string channel, Caller caller, ReadOnlyMemory<byte> body,
        string? contentType, CancellationToken cancellationToken)
    {
        var agencyId = caller.AgencyId;
        var read = adapter is null ? CanonicalInbound.Read(body, context) : adapter.Read(body, contentType, context);
        var bodyOrigin = new Retour.InboundOrigin(agencyId!, read.SourceMessageId);
        if (!read.IsValid)
        {
            var problems = read.Problems.Count > 0 ? read.Problems : [new ValidationProblem("/", "contains no message")];
            var refused = await RefuseAsync(problems, read.Malformed, channel, agencyId, body, contentType, cancellationToken).ConfigureAwait(false);
            await AnswerBodyAsync(bodyOrigin, body, read.Malformed ? Retour.RetourAnswers.Unreadable(problems) : Retour.RetourAnswers.Invalid(problems), cancellationToken)
                .ConfigureAwait(false);
            return refused;
        }
        if (SenderIdentity.Check(read.Messages, agencyId!) is { Count: > 0 } impersonation)
        {
            // Nothing of it is kept but the refusal (API.md, Identity).
            await impersonations.RecordAsync(caller, channel, "inbound", impersonation[0], DeterministicId.From("impersonation", PayloadHash.OfBytes(body.Span)),
                PayloadHash.OfBytes(body.Span), null, cancellationToken).ConfigureAwait(false);
            await AnswerBodyAsync(bodyOrigin, body, impersonation.Select(p => RetourCodes.Impersonation(p.Path)), cancellationToken).ConfigureAwait(false);
            return new IngressResult.Forbidden(impersonation);
        }

        var accepted = new List<MessageOutcome>();
        for (var i = 0; i < read.Messages.Count; i++)
        {
            var message = read.Messages[i];
            var origin = new Retour.InboundOrigin(agencyId!, message.SourceMessageId);
            var (kind, result) = message switch
            {
                InboundFeedback f => ("feedback", await feedback.SubmitAsync(f.HandoverId, f.CanonicalJson, caller, channel, cancellationToken, origin).ConfigureAwait(false)),
                _ => ("handover", await handovers.SubmitAsync(message.CanonicalJson, caller, channel, cancellationToken, origin,
                    (message as InboundHandover)?.Signal).ConfigureAwait(false)),
            };
            if (result is not IntakeResult.Accepted a)
            {
                // The intake kept the canonical JSON of an invalid message; keep the agency's bytes for the others too.
                if (result is not IntakeResult.Invalid)
                    await rejects.AddAsync(channel, agencyId, contentType, [new ValidationProblem("/", Reason(result))], body, cancellationToken).ConfigureAwait(false);
                foreach (var left in read.Messages.Skip(i + 1))
                    await AnswerUnprocessedAsync(agencyId!, left, cancellationToken).ConfigureAwait(false);
                return new IngressResult.Submitted(accepted, result);
            }
            accepted.Add(new MessageOutcome(kind, a.HandoverId, a.State, a.Duplicate));
        }
        return new IngressResult.Submitted(accepted, null);
    }

    /// <summary>A body refused before any message in it reached an intake: one retour, keyed and numbered by its bytes.</summary>
    Task AnswerBodyAsync(Retour.InboundOrigin origin, ReadOnlyMemory<byte> body, IEnumerable<RetourCode> codes, CancellationToken cancellationToken) =>
        retours.AnswerAsync(origin, Retour.Retours.BodyKey(body.Span), Retour.RetourAnswers.Refused(Retour.Retours.BodyMessageId(body.Span), null, codes), null,
            cancellationToken);

    /// <summary>A message after the one refused in the same body was not tried: the agency hears to send it again.</summary>
    Task AnswerUnprocessedAsync(string agencyId, InboundMessage message, CancellationToken cancellationToken)
    {
        var messageId = HandoverIntake.LoggedMessageId(message.CanonicalJson);
        var scope = message is InboundFeedback f ? $"feedback/{f.HandoverId}" : "handover";
        return retours.AnswerAsync(new Retour.InboundOrigin(agencyId, message.SourceMessageId),
            $"{scope}/{messageId}/{PayloadHash.OfJson(message.CanonicalJson)}/unprocessed",
            Retour.RetourAnswers.Refused(messageId, (message as InboundFeedback)?.HandoverId, [RetourCodes.NotProcessed]), null, cancellationToken);
    }

    public static string Reason(IntakeResult result) => result switch
    {
        IntakeResult.NotFound n => $"no handover {n.HandoverId}",
        IntakeResult.Conflict c => c.Reason,
        IntakeResult.Forbidden f => $"{f.Path}: {f.Reason}",
        IntakeResult.Invalid i => string.Join("; ", i.Problems.Select(p => $"{p.Path}: {p.Reason}")),
        _ => result.ToString(),
    };

    async Task<IngressResult> RefuseAsync(IReadOnlyList<ValidationProblem> problems, bool malformed, string channel, string? agencyId,
        ReadOnlyMemory<byte> body, string? contentType, CancellationToken cancellationToken)
    {
        var rejectId = await rejects.AddAsync(channel, agencyId, contentType, problems, body, cancellationToken).ConfigureAwait(false);
        var sha = PayloadHash.OfBytes(body.Span);
        await deliveryLog.AppendAsync(new DeliveryLogEntry
        {
            At = clock.GetUtcNow(), MessageId = DeterministicId.From("reject", $"{channel}/{sha}"), Sender = agencyId, Kind = "inbound",
            PayloadSha256 = sha, Outcome = DeliveryOutcomes.Rejected, Channel = channel,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        logger.LogWarning("Inbound message on {Channel} refused ({Malformed}) with {ProblemCount} problem(s); reject {RejectId}",
            channel, malformed ? "malformed" : "invalid", problems.Count, rejectId);
        return new IngressResult.Refused(problems, malformed);
    }
}
