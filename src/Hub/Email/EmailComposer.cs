using System.Text;
using MimeKit;

namespace IntegrationHub.Hub.Email;

/// <summary>
/// Turns a planned e-mail into the message sent: plain UTF-8 text, Dutch first and English below, a link to the
/// handover's page on the dashboard, and a Message-Id that stays the same however often it is tried, so a mail system
/// can drop a second copy that a crash between the server's acceptance and the hub's mark would send.
/// </summary>
public sealed class EmailComposer(EmailOptions options, EmailWords words, PeopleMailPlanner planner, TimeProvider clock)
{
    public MimeMessage Compose(PeopleMail mail)
    {
        var kind = planner.KindOf(mail.About) ?? throw new InvalidOperationException($"no e-mail is composed for mail of kind '{mail.About.Kind}'");
        var text = kind.Compose(mail.About, mail.To, words);
        var link = options.DashboardBaseUrl is { } baseUrl ? $"{baseUrl.TrimEnd('/')}{IntegrationHub.Hub.Operator.Dashboard.DashboardEndpoints.HandoverPath}{mail.About.HandoverId:D}" : null;

        var body = new StringBuilder()
            .Append(text.Dutch)
            .AppendLine(link is null ? "" : $"\nBekijk de overdracht: {link}")
            .AppendLine()
            .AppendLine("Deze e-mail noemt geen persoonsgegevens: alleen nummers, termijnen en instanties. De inhoud staat in het systeem van uw instantie.")
            .AppendLine()
            .AppendLine("-- English --")
            .AppendLine()
            .Append(text.English)
            .AppendLine(link is null ? "" : $"\nSee the handover: {link}")
            .AppendLine()
            .AppendLine("This e-mail names no personal data: only ids, deadlines and agencies. The content is in your agency's own system.")
            .ToString();

        var from = MailboxAddress.Parse(options.From!);
        var message = new MimeMessage
        {
            Subject = text.Subject,
            Date = clock.GetUtcNow(),
            MessageId = $"{mail.EmailId:D}@{from.Domain}",
            Body = new TextPart("plain") { Text = body },
        };
        ((TextPart)message.Body).ContentTransferEncoding = ContentEncoding.QuotedPrintable;
        message.From.Add(from);
        message.To.Add(new MailboxAddress(mail.To.Name ?? "", mail.To.Address));
        message.Headers.Add("Content-Language", "nl, en");
        message.Headers.Add("X-Hub-Handover-Id", mail.About.HandoverId.ToString());
        message.Headers.Add("X-Hub-Kind", mail.About.Kind);
        return message;
    }
}
