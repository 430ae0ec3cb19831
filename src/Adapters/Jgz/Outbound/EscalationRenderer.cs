using System.Globalization;
using Hl7.Fhir.Model;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Jgz.Outbound.FhirBuild;

namespace IntegrationHub.Adapters.Jgz.Outbound;

/// <summary>
/// An escalation (opschaling) notice becomes a Communication about the handover's Task, its text
/// saying what a person must know: which level, what is overdue, since when, who holds the case; on request, why
/// (reasonCode); and what the addressee does next: acknowledge by when (extension acknowledge-by), naming the
/// escalation (identifier). A re-notice says so (extension renotice).
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
        if (notice.EscalationId != Guid.Empty)
            communication.Identifier.Add(new Identifier { System = JgzSystems.Escalation, Value = notice.EscalationId.ToString() });
        communication.ReasonCode.AddIfAny(Concept(JgzSystems.EscalationReason, notice.Reason));
        if (notice.AcknowledgeBy is { } by)
            communication.AddExtension(JgzSystems.AcknowledgeByExtension, new FhirDateTime(DateTime(by)));
        if (notice.Renotice)
            communication.AddExtension(JgzSystems.RenoticeExtension, new FhirBoolean(true));
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
        if (notice.Reason is not null)
            head = resolved
                ? $"Escalation {level} on request ({notice.Reason}) on handover {mail.HandoverId} is resolved at {When(notice.ResolvedAt ?? mail.At)}{by}."
                : $"Escalation {level} on request ({notice.Reason}{(Text(notice.RequestedBy) is { } asker ? $", asked by {asker}" : "")}) on handover {mail.HandoverId}.";
        if (notice.Renotice)
            head = "Reminder, not acknowledged in time: " + head;
        var responsible = Text(notice.ResponsibleAgency) is { } agency ? $" Responsible agency: {agency}." : "";
        var acknowledge = notice.AcknowledgeBy is { } ackBy ? $" Acknowledge this notice by {When(ackBy)}." : "";
        return (addressees.Length > 0 ? $"{head}{responsible} Addressees: {addressees}." : $"{head}{responsible}") + acknowledge;
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
