using Dapper;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Retour;

/// <summary>
/// Every inbound message is answered in its sender's own queue and format with a retour (as the iJw/iWmo standards
/// answer every message): accepted or refused, with codes from the hub's list (docs/retour-codes.md) naming paths,
/// never values. An agency sending over AMQP learns its handover's id this way. An accepted message's retour is written
/// in the unit that accepts it; a refusal's right after the refusal is on record. Each answer is kept once per agency,
/// message (its id and content) and status: the same message again gets no second retour, the first answer stands.
/// </summary>
public sealed class Retours(HubDatabase database, AgencyDirectory directory, OutboxSignal signal, TimeProvider clock, ILogger<Retours> logger)
{
    /// <summary>The key of a message that could not be read as one: its bytes.</summary>
    public static string BodyKey(ReadOnlySpan<byte> body) => "body/" + PayloadHash.OfBytes(body);

    /// <summary>The hub's id for a message it could not read: derived from its bytes, so the same bytes get the same id.</summary>
    public static Guid BodyMessageId(ReadOnlySpan<byte> body) => DeterministicId.From("inbound", PayloadHash.OfBytes(body));

    /// <summary>
    /// Writes the retour within <paramref name="scope"/> unless this agency already has an answer to this message with
    /// this status; true when it wrote one.
    /// </summary>
    /// <param name="parties">the handover's sender and receiver, where the message names them.</param>
    public async Task<bool> AnswerAsync(WriteScope scope, InboundOrigin origin, string key, RetourNotice retour, (string Sender, string Receiver)? parties = null)
    {
        if (!directory.Contains(origin.AgencyId))
            return false;
        retour = retour with { SourceMessageId = origin.SafeSourceMessageId };
        var now = clock.GetUtcNow();
        var mail = new AgencyMail
        {
            MailId = Guid.NewGuid(), To = origin.AgencyId, Kind = AgencyMailKinds.Retour, HandoverId = retour.HandoverId ?? Guid.Empty,
            Sender = parties?.Sender ?? origin.AgencyId, Receiver = parties?.Receiver ?? AgencyDirectory.HubId, At = now, Retour = retour,
        };
        var inserted = await scope.Connection.ExecuteAsync(
            """
            INSERT INTO retours (agency, message_key, status, message_id, source_message_id, handover_id, codes, mail_id, at)
            VALUES (@Agency, @Key, @Status, @MessageId, @Source, @HandoverId, @Codes, @MailId, @At) ON CONFLICT DO NOTHING
            """,
            new
            {
                Agency = origin.AgencyId, Key = key, retour.Status, MessageId = retour.MessageId.ToString(), Source = retour.SourceMessageId,
                HandoverId = retour.HandoverId?.ToString(), Codes = string.Join(",", retour.Codes.Select(c => c.Code)), MailId = mail.MailId.ToString(),
                At = Epoch.Ms(now),
            }, scope.Transaction).ConfigureAwait(false);
        if (inserted == 0)
            return false;
        await OutboxStore.AddAsync(scope, [OutgoingMessage.ToAgency(mail)]).ConfigureAwait(false);
        return true;
    }

    /// <summary>The same, in a unit of its own (a refusal, once it is on record; a repeat).</summary>
    public async Task AnswerAsync(InboundOrigin? origin, string key, RetourNotice? retour, (string Sender, string Receiver)? parties, CancellationToken cancellationToken)
    {
        if (origin is null || retour is null)
            return;
        if (await database.WriteAsync(scope => AnswerAsync(scope, origin, key, retour, parties), cancellationToken).ConfigureAwait(false))
            signal.Notify();
    }

    /// <summary>
    /// As <see cref="AnswerAsync(InboundOrigin?, string, RetourNotice?, ValueTuple{string, string}?, CancellationToken)"/>, for paths that have
    /// already refused the message elsewhere (its error queue): a retour that cannot be written is logged, not thrown.
    /// </summary>
    public async Task TryAnswerAsync(InboundOrigin origin, string key, RetourNotice retour, CancellationToken cancellationToken)
    {
        try
        {
            await AnswerAsync(origin, key, retour, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("The retour to {Agency} could not be written ({Exception}); the refusal is in its .inbound.error queue", origin.AgencyId, e.GetType().Name);
        }
    }

    /// <summary>The retours on record for one of <paramref name="agencyId"/>'s messages (its messageId or its own id), newest first.</summary>
    public async Task<IReadOnlyList<RetourRecord>> FindAsync(string agencyId, string messageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string MessageId, string? Source, string? HandoverId, string Status, string Codes, string MailId, long At)>(
            """
            SELECT message_id, source_message_id, handover_id, status, codes, mail_id, at FROM retours
            WHERE agency = @Agency AND (message_id = @Id OR source_message_id = @Id) ORDER BY at DESC LIMIT 20
            """, new { Agency = agencyId, Id = messageId }).ConfigureAwait(false);
        return rows.Select(r => new RetourRecord(Guid.Parse(r.MessageId), r.Source, r.HandoverId is null ? null : Guid.Parse(r.HandoverId), r.Status,
            r.Codes.Split(',', StringSplitOptions.RemoveEmptyEntries), Guid.Parse(r.MailId), Epoch.At(r.At))).ToList();
    }
}

/// <summary>A retour as kept: which message, the handover, the status, its codes and the mail that carried it.</summary>
public sealed record RetourRecord(Guid MessageId, string? SourceMessageId, Guid? HandoverId, string Status, IReadOnlyList<string> Codes, Guid MailId, DateTimeOffset At);
