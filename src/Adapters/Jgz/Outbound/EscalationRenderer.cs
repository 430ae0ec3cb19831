using System.Globalization;
using IntegrationHub.Adapters.Jgz.Fhir;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Jgz.Outbound.FhirBuild;

namespace IntegrationHub.Adapters.Jgz.Outbound;

/// <summary>
/// An escalation (opschaling) notice becomes a Communication about the handover's Task, its text
/// saying what a person must know: which level, what is overdue, since when, who holds the case.
/// </summary>
static class EscalationRenderer
{
    public static Communication Render(AgencyMail mail)
    {
        var notice = mail.Escalation ?? throw new ArgumentException("escalation mail without a notice", nameof(mail));
        var resolved = mail.Kind == AgencyMailKinds.EscalationResolved;
        return new Communication
        {
            Identifier = [new Identifier { System = JgzSystems.Mail, Value = mail.MailId.ToString() }],
            Status = "completed",
            Category = [Concept(JgzSystems.MailKind, mail.Kind, resolved ? "opschaling opgeheven (escalation resolved)" : "opschaling (escalation)")],
            Priority = resolved ? "routine" : notice.Level switch { 1 => "routine", 2 => "urgent", _ => "asap" },
            About = [new Reference { Type = "Task", Identifier = HandoverIdentifier(mail.HandoverId) }],
            Sent = DateTime(mail.At),
            Recipient = notice.Addressees.Select(Recipient).ToList() is { Count: > 0 } recipients ? recipients : [Agency(mail.To)],
            Sender = new Reference { Display = "IntegrationHub" },
            Payload = [new CommunicationPayload { ContentString = Text(mail, notice, resolved) }],
        };
    }

    static Reference Recipient(EscalationAddressee addressee)
    {
        var reference = Agency(addressee.AgencyId);
        return reference with { Display = Describe(addressee) };
    }

    static string Describe(EscalationAddressee a)
    {
        var who = string.Join(", ", new[] { a.Name, a.Email }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return who.Length > 0 ? $"{a.Role} at {a.AgencyId} ({who})" : $"{a.Role} at {a.AgencyId}";
    }

    static string Text(AgencyMail mail, EscalationNotice notice, bool resolved)
    {
        var level = $"level {notice.Level} ({LevelName(notice.Level)})";
        var overdue = $"the {notice.DeadlineKind} deadline {(resolved ? "had been" : "is")} overdue since {When(notice.OverdueSince)}";
        var addressees = string.Join("; ", notice.Addressees.Select(Describe));
        var head = resolved
            ? $"Escalation {level} on handover {mail.HandoverId} is resolved at {When(notice.ResolvedAt ?? mail.At)}{(notice.ResolvedBy is { } by ? $" by {by}" : "")}: {overdue}."
            : $"Escalation {level} on handover {mail.HandoverId}: {overdue}.";
        return $"{head} Responsible agency: {notice.ResponsibleAgency}. Addressees: {addressees}.";
    }

    static string LevelName(int level) => level switch
    {
        1 => "operational",
        2 => "management",
        3 => "administrative",
        _ => "beyond the ladder",
    };

    static string When(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
}
