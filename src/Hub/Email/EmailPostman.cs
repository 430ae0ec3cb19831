using System.Text.Json;
using IntegrationHub.Adapters;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Outbox;

namespace IntegrationHub.Hub.Email;

/// <summary>
/// Sends an e-mail row of the outbox: its claim is held for as long as an SMTP conversation may take (so no second
/// dispatcher sends it meanwhile), it is composed and handed to the server, and what the outbox marks with it is
/// returned: the delivery-log entry (e-mail kind, the agency, the hash of what was sent; no address).
/// </summary>
public sealed class EmailPostman(EmailOptions options, EmailComposer composer, SmtpSender smtp, OutboxStore store, TimeProvider clock, ILogger<EmailPostman> logger)
{
    public async Task<Delivered> DeliverAsync(ClaimedRow row, CancellationToken cancellationToken)
    {
        var mail = JsonSerializer.Deserialize<PeopleMail>(row.Message.Body, BusJson.Options)
                   ?? throw new PermanentDeliveryException($"outbox row {row.Id} holds no e-mail");
        if (!options.Enabled)
            throw new InvalidOperationException("Hub:Email:Host is not set: the e-mail waits until it is");
        var hold = options.Timeout * 3 + TimeSpan.FromSeconds(5);
        if (!(await store.ExtendClaimAsync([row.Id], row.ClaimToken, hold, cancellationToken).ConfigureAwait(false)).Contains(row.Id))
            throw new InvalidOperationException($"outbox row {row.Id} is no longer this dispatcher's");
        if (row.Attempts > options.FailingAfterAttempts)
            logger.LogError("E-mail {EmailId} ({Kind}) has failed {Attempts} times; still trying (see /api/operator/email)", mail.EmailId, mail.About.Kind, row.Attempts - 1);

        var message = composer.Compose(mail);
        using var rendered = new MemoryStream();
        await message.WriteToAsync(rendered, cancellationToken).ConfigureAwait(false);
        await smtp.SendAsync(message, cancellationToken).ConfigureAwait(false);

        var entry = new DeliveryLogEntry
        {
            At = clock.GetUtcNow(), MessageId = mail.EmailId, HandoverId = mail.About.HandoverId == Guid.Empty ? null : mail.About.HandoverId,
            Sender = mail.About.Sender, Receiver = mail.To.AgencyId, Kind = "email:" + mail.About.Kind,
            PayloadSha256 = PayloadHash.OfBytes(rendered.ToArray()), Outcome = DeliveryOutcomes.Delivered, Channel = "smtp",
        };
        return new Delivered(mail.About, new OutboundDocument("message/rfc822", []), entry, DropInDatabase: false);
    }
}
