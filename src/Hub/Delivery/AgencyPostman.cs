using System.Text.Json;
using Dapper;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Persistence;
using MassTransit;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// Delivers agency mail (post) to the one agency it is addressed to. A handover is read from the
/// document store at delivery time, so the document never travels through the saga or its log.
/// Once the broker confirmed a handover's delivery, the postman reports it delivered.
/// </summary>
public sealed class AgencyPostman(HubDatabase database, IBus bus, TimeProvider clock, IDeliveryLog deliveryLog)
{
    public async Task DeliverAsync(AgencyMail mail, CancellationToken cancellationToken)
    {
        if (mail is { Kind: AgencyMailKinds.Handover, Handover: null })
            mail = mail with { Handover = await LoadHandoverAsync(mail.HandoverId, mail.To, cancellationToken).ConfigureAwait(false) };

        var endpoint = await bus.GetSendEndpoint(AgencyQueues.OutboundAddress(mail.To)).ConfigureAwait(false);
        await endpoint.Send(mail, c => c.MessageId = mail.MailId, cancellationToken).ConfigureAwait(false);
        await deliveryLog.AppendAsync(new DeliveryLogEntry
        {
            At = clock.GetUtcNow(), MessageId = mail.MailId, HandoverId = mail.HandoverId, Sender = mail.Sender, Receiver = mail.To,
            Kind = "mail:" + mail.Kind, Purpose = mail.Purpose, LegalBasis = mail.LegalBasis,
            PayloadSha256 = PayloadHash.OfJson(System.Text.Json.JsonSerializer.Serialize(mail, Outbox.BusJson.Options)),
            Outcome = DeliveryOutcomes.Delivered, Channel = AgencyQueues.Outbound(mail.To),
        }, cancellationToken: cancellationToken).ConfigureAwait(false);

        if (mail.Kind == AgencyMailKinds.Handover)
            await bus.Publish(new HandoverDelivered { HandoverId = mail.HandoverId, Receiver = mail.To, DeliveredAt = clock.GetUtcNow() },
                c => c.MessageId = DeterministicId.From("delivered", mail.MailId.ToString()), cancellationToken).ConfigureAwait(false);
    }

    async Task<JsonElement> LoadHandoverAsync(Guid handoverId, string to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<(string Receiver, string Payload)>(
            "SELECT receiver, payload FROM handover_documents WHERE handover_id = @Id", new { Id = handoverId.ToString() }).ConfigureAwait(false);
        if (row.Payload is null)
            throw new InvalidOperationException($"handover {handoverId} has no stored document");
        // The one check that keeps mail from reaching the wrong agency, whatever the saga asked for.
        if (row.Receiver != to)
            throw new InvalidOperationException($"handover {handoverId} is addressed to {row.Receiver}, not to {to}");
        return JsonDocument.Parse(row.Payload).RootElement.Clone();
    }
}
