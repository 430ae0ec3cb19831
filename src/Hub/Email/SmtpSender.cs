using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace IntegrationHub.Hub.Email;

/// <summary>
/// Hands one e-mail to the configured SMTP server (MailKit). Returns only once the server has accepted it; an address the
/// server refuses for good (5xx on the recipient) is <see cref="Outbox.PermanentDeliveryException"/> (parked for
/// operators); anything else (the server down, a timeout, a 4xx) throws to be tried again later.
/// </summary>
public sealed class SmtpSender(EmailOptions options)
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        var security = options.Tls.ToLowerInvariant() switch
        {
            "tls" => SecureSocketOptions.SslOnConnect,
            "none" => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        try
        {
            await client.ConnectAsync(options.Host!, options.EffectivePort, security, cancellationToken).ConfigureAwait(false);
            if (options.Username is { } user)
                await client.AuthenticateAsync(user, options.Password ?? "", cancellationToken).ConfigureAwait(false);
            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException e) when (e.ErrorCode is SmtpErrorCode.RecipientNotAccepted && (int)e.StatusCode >= 500)
        {
            throw new Outbox.PermanentDeliveryException($"the SMTP server refuses the recipient for good ({(int)e.StatusCode})");
        }
        catch (AuthenticationException e)
        {
            // Wrong credentials do not fix themselves, but a corrected configuration does: tried again, loudly.
            throw new InvalidOperationException($"the SMTP server refused the hub's credentials ({e.GetType().Name})");
        }
    }
}
