using System.Text;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Hub.Email;

/// <summary>
/// Escalation notices raised, sent again and resolved, for the people on the ladder: at an addressed agency the
/// contacts the directory names for that level and role (the addressees); at an agency kept informed (the sender,
/// who holds the case until care starts; the one who asked) its contacts at level 1. A re-notice, and a notice that
/// addresses the hub itself, also go to the chain office.
/// </summary>
public sealed class EscalationMailKind : IPeopleMailKind
{
    public bool Handles(AgencyMail mail) =>
        mail.Kind is AgencyMailKinds.EscalationRaised or AgencyMailKinds.EscalationResolved && mail.Escalation is not null;

    public IEnumerable<(Recipient To, string? Shared)> Recipients(AgencyMail mail, Agency? agency, EmailOptions options)
    {
        var n = mail.Escalation!;
        var addressed = n.Addressees.Where(a => a.AgencyId == mail.To).ToList();
        var people = addressed.Where(a => !string.IsNullOrWhiteSpace(a.Email))
            .Select(a => (new Recipient(a.Email!, a.Name, a.AgencyId, a.Role), (string?)null)).ToList();
        if (people.Count == 0 && addressed.Count == 0)
            // Not addressed, kept informed: whoever holds the case there day to day.
            people = AgencyContacts.UpTo(agency, 1).Select(r => (r, (string?)null)).ToList();
        foreach (var person in people.DistinctBy(p => p.Item1.Address, StringComparer.OrdinalIgnoreCase))
            yield return person;
        var resolved = mail.Kind == AgencyMailKinds.EscalationResolved ? "resolved" : "raised";
        if (n.Renotice)
            foreach (var copy in AgencyContacts.ChainOffice(options, $"renotice/{n.EscalationId}/{mail.To}/{mail.At.ToUnixTimeMilliseconds()}"))
                yield return copy;
        else if (n.Addressees.Any(a => a.AgencyId == AgencyDirectory.HubId))
            foreach (var copy in AgencyContacts.ChainOffice(options, $"escalation/{n.EscalationId}/{resolved}"))
                yield return copy;
    }

    public EmailText Compose(AgencyMail mail, Recipient to, EmailWords words)
    {
        var n = mail.Escalation!;
        var resolved = mail.Kind == AgencyMailKinds.EscalationResolved;
        var (levelNl, levelEn) = EmailWords.Level(n.Level);
        var (deadlineNl, deadlineEn) = EmailWords.Deadline(n.DeadlineKind);
        var onRequest = n.Reason is not null;
        var (reasonNl, reasonEn) = onRequest ? EmailWords.Reason(n.Reason!) : ("", "");
        var shortId = mail.HandoverId.ToString()[..8];

        var subjectNl = resolved ? $"Opschaling opgelost, niveau {levelNl}" : n.Renotice ? $"Herinnering: bevestig opschaling niveau {levelNl}" : $"Opschaling niveau {levelNl}";
        var subjectEn = resolved ? "escalation resolved" : n.Renotice ? "reminder: acknowledge escalation" : $"escalation level {n.Level}";
        var what = onRequest ? $"op verzoek: {reasonNl}" : $"{deadlineNl} te laat";
        var whatEn = onRequest ? $"on request: {reasonEn}" : $"{deadlineEn} overdue";

        var nl = new StringBuilder();
        if (n.Renotice)
            nl.AppendLine("Herinnering: deze opschaling is niet op tijd bevestigd. Het ketenbureau is ingelicht.").AppendLine();
        nl.AppendLine(resolved ? $"De opschaling op niveau {levelNl} is opgelost." : $"Opschaling op niveau {levelNl}.");
        nl.AppendLine();
        nl.AppendLine($"Overdracht:             {mail.HandoverId}");
        nl.AppendLine(onRequest
            ? $"Opschaling op verzoek:  {reasonNl}{(n.RequestedBy is { } by ? $", gevraagd door {words.Agency(by)}" : "")}, sinds {EmailWords.Dutch(n.OverdueSince)}"
            : $"Wat is te laat:         {deadlineNl}, termijn verstreken sinds {EmailWords.Dutch(n.OverdueSince)}");
        nl.AppendLine($"Verantwoordelijk:       {words.Agency(n.ResponsibleAgency)} houdt de casus");
        nl.AppendLine($"Van / aan:              {words.Agency(mail.Sender)} aan {words.Agency(mail.Receiver)}");
        if (n.Addressees.Count > 0)
            nl.AppendLine($"Geadresseerd aan:       {string.Join("; ", n.Addressees.Select(a => $"{EmailWords.Role(a.Role).Dutch} bij {words.Agency(a.AgencyId)}"))}");
        nl.AppendLine($"U ontvangt dit als:     {EmailWords.Role(to.Role).Dutch} bij {words.Agency(to.AgencyId)}");
        if (resolved && n.ResolvedAt is { } at)
            nl.AppendLine($"Opgelost op:            {EmailWords.Dutch(at)}{(n.ResolvedBy is { } rb ? $" door {words.Agency(rb)}" : "")}");
        if (!resolved && n.AcknowledgeBy is { } ack)
            nl.AppendLine($"Bevestig ontvangst vóór: {EmailWords.Dutch(ack)} (POST /api/handovers/{mail.HandoverId}/escalations/{n.EscalationId}/acknowledgement)");
        if (n.EscalationId != Guid.Empty)
            nl.AppendLine($"Opschalingsnummer:      {n.EscalationId}");

        var en = new StringBuilder();
        if (n.Renotice)
            en.AppendLine("Reminder: this escalation was not acknowledged in time. The chain office has been told.").AppendLine();
        en.AppendLine(resolved ? $"The escalation at level {levelEn} is resolved." : $"Escalation at level {levelEn}.");
        en.AppendLine();
        en.AppendLine($"Handover:               {mail.HandoverId}");
        en.AppendLine(onRequest
            ? $"Escalated on request:   {reasonEn}{(n.RequestedBy is { } by2 ? $", asked by {words.Agency(by2)}" : "")}, since {EmailWords.English(n.OverdueSince)}"
            : $"What is overdue:        {deadlineEn}, deadline passed {EmailWords.English(n.OverdueSince)}");
        en.AppendLine($"Responsible:            {words.Agency(n.ResponsibleAgency)} holds the case");
        en.AppendLine($"From / to:              {words.Agency(mail.Sender)} to {words.Agency(mail.Receiver)}");
        if (n.Addressees.Count > 0)
            en.AppendLine($"Addressed to:           {string.Join("; ", n.Addressees.Select(a => $"{EmailWords.Role(a.Role).English} at {words.Agency(a.AgencyId)}"))}");
        en.AppendLine($"You receive this as:    {EmailWords.Role(to.Role).English} at {words.Agency(to.AgencyId)}");
        if (resolved && n.ResolvedAt is { } at2)
            en.AppendLine($"Resolved:               {EmailWords.English(at2)}{(n.ResolvedBy is { } rb2 ? $" by {words.Agency(rb2)}" : "")}");
        if (!resolved && n.AcknowledgeBy is { } ack2)
            en.AppendLine($"Acknowledge by:         {EmailWords.English(ack2)}");
        if (n.EscalationId != Guid.Empty)
            en.AppendLine($"Escalation id:          {n.EscalationId}");

        return new EmailText($"[IntegrationHub] {subjectNl}: {what}, overdracht {shortId} / {subjectEn}: {whatEn}, handover {shortId}", nl.ToString(), en.ToString());
    }
}
