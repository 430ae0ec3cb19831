using System.Text;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Operator.Dashboard;
using MimeKit;

namespace IntegrationHub.Hub.Email;

/// <summary>
/// Turns a planned e-mail into the message sent: plain UTF-8 text, Dutch first and English below, a link to the
/// handover's page on the dashboard (for mail about a family, not one handover, the chain page with the family; else
/// the dashboard), and a Message-Id that stays the same however often it is tried, so a mail system can drop a second
/// copy that a crash between the server's acceptance and the hub's mark would send.
/// </summary>
public sealed class EmailComposer(EmailOptions options, EmailWords words, PeopleMailPlanner planner, TimeProvider clock)
{
    public MimeMessage Compose(PeopleMail mail)
    {
        var kind = planner.KindOf(mail.About) ?? throw new InvalidOperationException($"no e-mail is composed for mail of kind '{mail.About.Kind}'");
        var text = kind.Compose(mail.About, mail.To, words);
        var family = FamilyOf(mail.About);
        var (link, seeNl, seeEn) = options.DashboardBaseUrl is not { } baseUrl ? (null, "", "")
            : mail.About.HandoverId != Guid.Empty
                ? ($"{baseUrl.TrimEnd('/')}{DashboardEndpoints.HandoverPath}{mail.About.HandoverId:D}", "Bekijk de overdracht", "See the handover")
            : family is { } f
                ? ($"{baseUrl.TrimEnd('/')}{DashboardEndpoints.FamilyPath(f)}", "Bekijk het gezin in het ketenoverzicht", "See the family in the chain view")
            : ($"{baseUrl.TrimEnd('/')}/dashboard/", "Bekijk het dashboard", "See the dashboard");

        var body = new StringBuilder()
            .Append(text.Dutch)
            .AppendLine(link is null ? "" : $"\n{seeNl}: {link}")
            .AppendLine()
            .AppendLine("Deze e-mail noemt geen persoonsgegevens: alleen nummers, termijnen en instanties. De inhoud staat in het systeem van uw instantie.")
            .AppendLine()
            .AppendLine("-- English --")
            .AppendLine()
            .Append(text.English)
            .AppendLine(link is null ? "" : $"\n{seeEn}: {link}")
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
        // What a mail rule or a ticket system files the e-mail by: the handover, else the family (never a row of zeros).
        if (mail.About.HandoverId != Guid.Empty)
            message.Headers.Add("X-Hub-Handover-Id", mail.About.HandoverId.ToString());
        if (family is { } id)
            message.Headers.Add("X-Hub-Family-Id", id.ToString());
        message.Headers.Add("X-Hub-Kind", mail.About.Kind);
        return message;
    }

    /// <summary>The family a mail is about: a match's, or a chain notice's fact "familyId".</summary>
    public static Guid? FamilyOf(AgencyMail mail) =>
        mail.Match?.FamilyId is { } matched ? matched
        : mail.Notice?.Facts.GetValueOrDefault("familyId") is { } fact && Guid.TryParse(fact, out var family) ? family
        : null;
}
