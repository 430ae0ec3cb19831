using System.Text.Json;
using Dapper;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Persistence;
using MassTransit;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// Delivers agency mail (post) to the one agency it is addressed to, in that agency's own format: into
/// its drop (exchange or mailbox) and, for a webhook agency, also to its URL. A handover is read from the
/// document store at delivery time, so the document never travels through the saga or its log. Any
/// failure throws, so the outbox keeps the mail; redelivery carries the same MailId. The delivery-log
/// entry it returns is appended by the outbox in the transaction that marks the mail sent, so the log
/// and the outbox never disagree about what left the hub. Mail already in its drop (a <see cref="DroppedCopy"/>,
/// found after a crash) is not dropped again; the rest of the delivery (webhook, delivered event, log entry) still runs.
/// </summary>
public sealed class AgencyPostman(
    HubDatabase database, AgencyDirectory directory, MailRenderer renderer, IAgencyDrop drop, WebhookSender webhook, IBus bus, TimeProvider clock)
{
    public async Task<DeliveryLogEntry> DeliverAsync(AgencyMail mail, DroppedCopy? dropped, CancellationToken cancellationToken)
    {
        if (mail is { Kind: AgencyMailKinds.Handover, Handover: null })
            mail = mail with { Handover = await LoadHandoverAsync(mail.HandoverId, mail.To, cancellationToken).ConfigureAwait(false) };

        var agency = directory.Get(mail.To);
        var document = renderer.Render(mail, agency);
        if (dropped is null)
            await drop.DropAsync(mail, document, cancellationToken).ConfigureAwait(false);
        var destination = drop.Destination(mail.To);
        if (agency.Delivery is { Kind: "webhook", Url: { } url })
        {
            await webhook.PostAsync(url, mail, document, cancellationToken).ConfigureAwait(false);
            destination += " + " + url.GetLeftPart(UriPartial.Path);
        }
        if (mail.Kind == AgencyMailKinds.Handover)
            await bus.Publish(new HandoverDelivered { HandoverId = mail.HandoverId, Receiver = mail.To, DeliveredAt = clock.GetUtcNow() },
                c => c.MessageId = DeterministicId.From("delivered", mail.MailId.ToString()), cancellationToken).ConfigureAwait(false);

        return new DeliveryLogEntry
        {
            At = clock.GetUtcNow(), MessageId = mail.MailId, HandoverId = mail.HandoverId, Sender = mail.Sender, Receiver = mail.To,
            Kind = "mail:" + mail.Kind, Purpose = mail.Purpose, LegalBasis = mail.LegalBasis,
            PayloadSha256 = dropped?.PayloadSha256 ?? PayloadHash.OfBytes(document.Body), Outcome = DeliveryOutcomes.Delivered, Channel = destination,
        };
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
        return JsonSerializer.Deserialize<JsonElement>(row.Payload);
    }
}
