using System.Globalization;
using Hl7.Fhir.Model;
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
        var text = Message(mail, notice, resolved);
        var communication = new Communication
        {
            Text = Narratives.Of(text),
            Status = EventStatus.Completed,
            Priority = resolved ? RequestPriority.Routine : notice.Level switch { 1 => RequestPriority.Routine, 2 => RequestPriority.Urgent, _ => RequestPriority.Asap },
            Sent = DateTime(mail.At),
            Sender = new ResourceReference { Display = "IntegrationHub" },
        };
        communication.Identifier.Add(new Identifier { System = JgzSystems.Mail, Value = mail.MailId.ToString() });
        communication.Category.AddIfAny(Concept(JgzSystems.MailKind, mail.Kind, resolved ? "opschaling opgeheven (escalation resolved)" : "opschaling (escalation)"));
        communication.About.Add(new ResourceReference { Type = "Task", Identifier = HandoverIdentifier(mail.HandoverId) });
        communication.Recipient.AddRange(notice.Addressees.Count > 0 ? notice.Addressees.Select(Recipient) : [Agency(mail.To)]);
        communication.Payload.Add(new Communication.PayloadComponent { Content = new FhirString(text) });
        return communication;
    }

    static ResourceReference Recipient(EscalationAddressee addressee)
    {
        var reference = Agency(addressee.AgencyId);
        reference.Display = Describe(addressee);
        return reference;
    }

    static string Describe(EscalationAddressee a)
    {
        var role = Text(a.Role) ?? "contact";
        var agency = Text(a.AgencyId) ?? "an agency";
        var who = string.Join(", ", new[] { a.Name, a.Email }.Select(Text).OfType<string>());
        return who.Length > 0 ? $"{role} at {agency} ({who})" : $"{role} at {agency}";
    }

    static string Message(AgencyMail mail, EscalationNotice notice, bool resolved)
    {
        var level = $"level {notice.Level} ({LevelName(notice.Level)})";
        var deadline = Text(notice.DeadlineKind) ?? "handover";
        var overdue = $"the {deadline} deadline {(resolved ? "had been" : "is")} overdue since {When(notice.OverdueSince)}";
        var addressees = string.Join("; ", notice.Addressees.Select(Describe));
        var by = Text(notice.ResolvedBy) is { } resolver ? $" by {resolver}" : "";
        var head = resolved
            ? $"Escalation {level} on handover {mail.HandoverId} is resolved at {When(notice.ResolvedAt ?? mail.At)}{by}: {overdue}."
            : $"Escalation {level} on handover {mail.HandoverId}: {overdue}.";
        var responsible = Text(notice.ResponsibleAgency) is { } agency ? $" Responsible agency: {agency}." : "";
        return addressees.Length > 0 ? $"{head}{responsible} Addressees: {addressees}." : $"{head}{responsible}";
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
