using System.Text.Json;
using Dapper;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// Delivers agency mail (post) to the one agency it is addressed to, in that agency's own format: into
/// its drop (exchange or mailbox) and, for a webhook agency, also to its URL. A handover is read from the
/// document store at delivery time, so the document never travels through the saga or its log. A mail that
/// cannot be rendered never will be: it is parked for operators at once (<see cref="PermanentDeliveryException"/>);
/// any other failure throws so the outbox keeps the mail, and redelivery carries the same MailId. What it
/// returns is written by the outbox in the transaction that marks the mail sent (the delivery-log entry, a
/// mailbox row, the handover's delivered step), so log, mailbox and outbox never disagree. Mail already in
/// its drop (a <see cref="DroppedCopy"/>, found after a crash) is not dropped again; the webhook still runs.
/// </summary>
public sealed class AgencyPostman(HubDatabase database, AgencyDirectory directory, MailRenderer renderer, IAgencyDrop drop, WebhookSender webhook, TimeProvider clock)
{
    public async Task<Delivered> DeliverAsync(AgencyMail mail, DroppedCopy? dropped, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.HubTracing.Start("postman deliver", System.Diagnostics.ActivityKind.Producer);
        activity?.SetTag(Telemetry.HubTracing.MailId, mail.MailId.ToString()).SetTag(Telemetry.HubTracing.HandoverId, mail.HandoverId.ToString())
            .SetTag(Telemetry.HubTracing.Agency, mail.To).SetTag(Telemetry.HubTracing.Step, mail.Kind)
            .SetTag(Telemetry.HubTracing.Outcome, dropped is null ? "drop" : "already in its queue (egress journal)");
        if (mail is { Kind: AgencyMailKinds.Handover, Handover: null })
            mail = mail with { Handover = await LoadHandoverAsync(mail.HandoverId, mail.To, cancellationToken).ConfigureAwait(false) };

        var agency = directory.Get(mail.To);
        var document = Render(mail, agency);
        if (dropped is null && !drop.InDatabase)
            await drop.DropAsync(mail, document, cancellationToken).ConfigureAwait(false);
        var destination = drop.Destination(mail.To);
        if (agency.Delivery is { Kind: "webhook", Url: { } url })
        {
            await webhook.PostAsync(url, mail, document, cancellationToken).ConfigureAwait(false);
            destination += " + " + url.GetLeftPart(UriPartial.Path);
        }
        var entry = new DeliveryLogEntry
        {
            // A retour to a message that made no handover names none; nor does mail about a family or a match (the chain's).
            At = clock.GetUtcNow(), MessageId = mail.MailId, HandoverId = mail.HandoverId == Guid.Empty ? null : mail.HandoverId, Sender = mail.Sender, Receiver = mail.To,
            Kind = "mail:" + mail.Kind, Purpose = mail.Purpose, LegalBasis = mail.LegalBasis,
            PayloadSha256 = dropped?.PayloadSha256 ?? PayloadHash.OfBytes(document.Body), Outcome = DeliveryOutcomes.Delivered, Channel = destination,
        };
        return new Delivered(mail, document, entry, drop.InDatabase && dropped is null);
    }

    /// <summary>Writes what belongs with the mark: the mailbox row of an in-database drop.</summary>
    public Task DropWithMarkAsync(WriteScope scope, Delivered delivered) =>
        delivered.DropInDatabase ? drop.DropWithMarkAsync(scope, delivered.Mail, delivered.Document) : Task.CompletedTask;

    /// <summary>The same mail renders the same way every time: a failure is a defect in the mail or an adapter, not bad luck.</summary>
    OutboundDocument Render(AgencyMail mail, Agency agency)
    {
        try
        {
            return renderer.Render(mail, agency);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new PermanentDeliveryException($"mail {mail.MailId} ({mail.Kind}) cannot be rendered in {agency.Delivery.Format}: {e.GetType().Name}");
        }
    }

    async Task<JsonElement> LoadHandoverAsync(Guid handoverId, string to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<(string Receiver, string Payload)>(
            "SELECT receiver, payload FROM handover_documents WHERE handover_id = @Id", new { Id = handoverId.ToString() }).ConfigureAwait(false);
        if (row.Payload is null)
            throw new PermanentDeliveryException($"handover {handoverId} has no stored document");
        // The one check that keeps mail from reaching the wrong agency, whatever the saga asked for.
        if (row.Receiver != to)
            throw new PermanentDeliveryException($"handover {handoverId} is addressed to another agency than {to}");
        return JsonSerializer.Deserialize<JsonElement>(row.Payload);
    }
}
