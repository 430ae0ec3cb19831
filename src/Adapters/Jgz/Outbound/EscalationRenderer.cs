using Hl7.Fhir.Model;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Jgz.Outbound.FhirBuild;

namespace IntegrationHub.Adapters.Jgz.Outbound;

/// <summary>
/// An escalation (opschaling) notice becomes a Communication about the handover's Task, its text
/// saying what a person must know: which level, what is overdue, since when, who holds the case.
/// Dutch first (the narrative and the first payload), English second (the second payload); times in
/// Europe/Amsterdam as dd-MM-yyyy HH:mm, as the people at the agency read them.
/// On request, why (reasonCode); and what the addressee does next: acknowledge by when (extension acknowledge-by),
/// naming the escalation (identifier). A re-notice says so (extension renotice).
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
        if (notice.Reason is not null)
            head = resolved
                ? $"Opschaling {level} op verzoek ({notice.Reason}) op overdracht {mail.HandoverId} is opgelost op {When(notice.ResolvedAt ?? mail.At)}{by}."
                : $"Opschaling {level} op verzoek ({notice.Reason}{(Text(notice.RequestedBy) is { } asker ? $", gevraagd door {asker}" : "")}) op overdracht {mail.HandoverId}.";
        if (notice.Renotice)
            head = "Herinnering, niet op tijd bevestigd: " + head;
        var responsible = Text(notice.ResponsibleAgency) is { } agency ? $" Verantwoordelijke instantie: {agency}." : "";
        var acknowledge = notice.AcknowledgeBy is { } ackBy ? $" Bevestig deze melding uiterlijk op {When(ackBy)}." : "";
        return (addressees.Length > 0 ? $"{head}{responsible} Gericht aan: {addressees}." : $"{head}{responsible}") + acknowledge;
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

    static string DeadlineWord(string kind) => kind switch
    {
        "receipt" => "ontvangstbevestiging",
        "care-started" => "start zorg",
        "progress" => "voortgangsbericht",
        "aftercare-plan" => "nazorgplan",
        "delivery" => "aflevering",
        "reroute" => "doorverwijzing",
        "waiting" => "verwachte start zorg (wachtlijst)",
        "acknowledgement" => "bevestiging van de opschaling",
        "compliance" => "naleving van het besluit",
        "transition" => "overgangsplan 18-/18+",
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
