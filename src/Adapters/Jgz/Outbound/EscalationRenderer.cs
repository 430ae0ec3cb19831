using Hl7.Fhir.Model;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Jgz.Outbound.FhirBuild;

namespace IntegrationHub.Adapters.Jgz.Outbound;

/// <summary>
/// An escalation (opschaling) notice becomes a Communication about the handover's Task, its text
/// saying what a person must know: which level, what is overdue, since when, who holds the case.
/// Dutch first (the narrative and the first payload), English second (the second payload); times in
/// Europe/Amsterdam as dd-MM-yyyy HH:mm, as the people at the agency read them.
/// </summary>
static class EscalationRenderer
{
    public static Communication Render(AgencyMail mail)
    {
        var notice = mail.Escalation ?? throw new ArgumentException("escalation mail without a notice", nameof(mail));
        var resolved = mail.Kind == AgencyMailKinds.EscalationResolved;
        var dutch = Dutch(mail, notice, resolved);
        var english = English(mail, notice, resolved);
        var communication = new Communication
        {
            Text = Narratives.Of(dutch, english),
            Status = EventStatus.Completed,
            Priority = resolved ? RequestPriority.Routine : notice.Level switch { 1 => RequestPriority.Routine, 2 => RequestPriority.Urgent, _ => RequestPriority.Asap },
            Sent = DateTime(mail.At),
            Sender = new ResourceReference { Display = "IntegrationHub" },
        };
        communication.Identifier.Add(new Identifier { System = JgzSystems.Mail, Value = mail.MailId.ToString() });
        communication.Category.AddIfAny(Concept(JgzSystems.MailKind, mail.Kind, resolved ? "opschaling opgeheven (escalation resolved)" : "opschaling (escalation)"));
        communication.About.Add(new ResourceReference { Type = "Task", Identifier = HandoverIdentifier(mail.HandoverId) });
        communication.Recipient.AddRange(notice.Addressees.Count > 0 ? notice.Addressees.Select(Recipient) : [Agency(mail.To)]);
        communication.Payload.Add(new Communication.PayloadComponent { Content = new FhirString(dutch) });
        communication.Payload.Add(new Communication.PayloadComponent { Content = new FhirString(english) });
        return communication;
    }

    static ResourceReference Recipient(EscalationAddressee addressee)
    {
        var reference = Agency(addressee.AgencyId);
        reference.Display = Describe(addressee, "bij", "een instantie");
        return reference;
    }

    static string Describe(EscalationAddressee a, string at, string anAgency)
    {
        var role = Text(a.Role) ?? "contact";
        var agency = Text(a.AgencyId) ?? anAgency;
        var who = string.Join(", ", new[] { a.Name, a.Email }.Select(Text).OfType<string>());
        return who.Length > 0 ? $"{role} {at} {agency} ({who})" : $"{role} {at} {agency}";
    }

    /// <summary>The notice in the chain's words: opschaling, termijn, ontvangstbevestiging, start zorg.</summary>
    static string Dutch(AgencyMail mail, EscalationNotice notice, bool resolved)
    {
        var level = $"niveau {notice.Level} ({LevelName(notice.Level, dutch: true)})";
        var deadline = Text(notice.DeadlineKind) is { } kind ? DeadlineWord(kind) : "overdracht";
        var overdue = $"de termijn voor {deadline} {(resolved ? "was" : "is")} verstreken sinds {When(notice.OverdueSince)}";
        var addressees = string.Join("; ", notice.Addressees.Select(a => Describe(a, "bij", "een instantie")));
        var by = Text(notice.ResolvedBy) is { } resolver ? $" door {resolver}" : "";
        var head = resolved
            ? $"Opschaling {level} op overdracht {mail.HandoverId} is opgelost op {When(notice.ResolvedAt ?? mail.At)}{by}: {overdue}."
            : $"Opschaling {level} op overdracht {mail.HandoverId}: {overdue}.";
        var responsible = Text(notice.ResponsibleAgency) is { } agency ? $" Verantwoordelijke instantie: {agency}." : "";
        return addressees.Length > 0 ? $"{head}{responsible} Gericht aan: {addressees}." : $"{head}{responsible}";
    }

    static string English(AgencyMail mail, EscalationNotice notice, bool resolved)
    {
        var level = $"level {notice.Level} ({LevelName(notice.Level, dutch: false)})";
        var deadline = Text(notice.DeadlineKind) ?? "handover";
        var overdue = $"the {deadline} deadline {(resolved ? "had been" : "is")} overdue since {When(notice.OverdueSince)}";
        var addressees = string.Join("; ", notice.Addressees.Select(a => Describe(a, "at", "an agency")));
        var by = Text(notice.ResolvedBy) is { } resolver ? $" by {resolver}" : "";
        var head = resolved
            ? $"Escalation {level} on handover {mail.HandoverId} is resolved at {When(notice.ResolvedAt ?? mail.At)}{by}: {overdue}."
            : $"Escalation {level} on handover {mail.HandoverId}: {overdue}.";
        var responsible = Text(notice.ResponsibleAgency) is { } agency ? $" Responsible agency: {agency}." : "";
        return addressees.Length > 0 ? $"{head}{responsible} Addressees: {addressees}." : $"{head}{responsible}";
    }

    static string DeadlineWord(string kind) => kind switch
    {
        "receipt" => "ontvangstbevestiging",
        "care-started" => "start zorg",
        "progress" => "voortgangsbericht",
        "aftercare-plan" => "nazorgplan",
        "delivery" => "aflevering",
        "reroute" => "doorverwijzing",
        _ => kind,
    };

    static string LevelName(int level, bool dutch) => level switch
    {
        1 => dutch ? "operationeel" : "operational",
        2 => "management",
        3 => dutch ? "bestuurlijk" : "administrative",
        _ => dutch ? "buiten de ladder" : "beyond the ladder",
    };

    /// <summary>Europe/Amsterdam wall-clock time, as a person reads it.</summary>
    static string When(DateTimeOffset at) => School.Outbound.DutchClock.DateTime(at);
}
