using System.Globalization;
using System.Text;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Coordination;

namespace IntegrationHub.Hub.Email;

/// <summary>
/// The hub's own notices (a transition plan needed, a binding decision, compliance overdue, an acknowledgement overdue)
/// and the chain's (<see cref="ChainNoticeKinds"/>: coordination, the family plan, matches not followed up, chain
/// escalations, linked handovers), for the contacts of the agency they are for at the notice's level (fact "level",
/// else level 1: who holds the case); the chain office hears of transitions and of what was not done in time.
/// A notice about a family, not one handover, names the family instead. The e-mail shows only the facts it has a
/// label for (ids, dates, agencies, codes); professionals' contacts and free text (plan goals, action titles, a
/// decline's reason) stay in the agency's own mail, so a fact added later is left out until it is given a label.
/// </summary>
public sealed class NoticeMailKind : IPeopleMailKind
{
    static readonly HashSet<string> ChainOfficeHears =
        [NoticeKinds.TransitionPlanNeeded, NoticeKinds.ComplianceOverdue, NoticeKinds.AcknowledgementOverdue, NoticeKinds.Decision];

    /// <summary>Facts the e-mail's head already names, or that only steer who hears it.</summary>
    static readonly HashSet<string> InHead = ["handoverId", "familyId", "level"];

    /// <summary>Facts holding a moment (ChainMail.When), shown in Amsterdam time.</summary>
    static readonly HashSet<string> Moments = ["acceptBy", "confirmBy", "reviewBy", "resolvedAt", "dueAt"];

    /// <summary>Facts naming an agency (or, for who reported or resolved, an actor), shown by name.</summary>
    static readonly HashSet<string> Agencies =
        ["sender", "receiver", "agencyId", "agency", "coordinator", "owner", "otherSender", "otherAgency", "takesOverFrom", "resolvedBy", "reportedBy"];

    public bool Handles(AgencyMail mail) => mail.Kind == AgencyMailKinds.Notice && mail.Notice is not null;

    public IEnumerable<(Recipient To, string? Shared)> Recipients(AgencyMail mail, Agency? agency, EmailOptions options)
    {
        var n = mail.Notice!;
        var level = n.Facts.TryGetValue("level", out var l) && int.TryParse(l, CultureInfo.InvariantCulture, out var parsed) ? parsed : 1;
        foreach (var person in AgencyContacts.UpTo(agency, level))
            yield return (person, null);
        if (ChainOfficeHears.Contains(n.Kind))
        {
            // One copy per event, however many agencies were told: the key names the event, not the agency mail.
            var key = n.Kind switch
            {
                NoticeKinds.Decision => $"decision/{n.Facts.GetValueOrDefault("decisionId")}",
                NoticeKinds.ComplianceOverdue => $"compliance/{n.Facts.GetValueOrDefault("decisionId")}/{n.Facts.GetValueOrDefault("agencyId")}",
                _ => $"{n.Kind}/{mail.HandoverId}/{n.Facts.GetValueOrDefault("month") ?? n.Facts.GetValueOrDefault("escalationId")}",
            };
            foreach (var copy in AgencyContacts.ChainOffice(options, key))
                yield return copy;
        }
    }

    /// <summary>The outbox keeps for the e-mail only the facts it shows; of the others only their names, so it can say that there is more.</summary>
    public AgencyMail Kept(AgencyMail mail) => mail with
    {
        Notice = mail.Notice! with
        {
            Facts = mail.Notice.Facts.ToDictionary(f => f.Key, f => InHead.Contains(f.Key) || Label(mail.Notice.Kind, f.Key) is not null ? f.Value : ""),
        },
    };

    public EmailText Compose(AgencyMail mail, Recipient to, EmailWords words)
    {
        var n = mail.Notice!;
        var english = EnglishTitle(n) ?? n.Kind;
        var nl = new StringBuilder().AppendLine(n.Title).AppendLine();
        var en = new StringBuilder().AppendLine(english).AppendLine();
        var family = EmailComposer.FamilyOf(mail);
        if (mail.HandoverId != Guid.Empty)
        {
            nl.AppendLine($"{"Overdracht:",-24}{mail.HandoverId}");
            en.AppendLine($"{"Handover:",-24}{mail.HandoverId}");
        }
        if (family is { } f)
        {
            nl.AppendLine($"{"Gezin:",-24}{f}");
            en.AppendLine($"{"Family:",-24}{f}");
        }
        var withheld = false;
        foreach (var (name, value) in n.Facts.Where(f => !InHead.Contains(f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (Label(n.Kind, name) is not var (labelNl, labelEn))
            {
                withheld = true;
                continue;
            }
            var (shownNl, shownEn) = Shown(n.Kind, name, value, words);
            nl.AppendLine($"{labelNl + ":",-24}{shownNl}");
            en.AppendLine($"{labelEn + ":",-24}{shownEn}");
        }
        nl.AppendLine($"{"U ontvangt dit als:",-24}{EmailWords.Role(to.Role).Dutch} bij {words.Agency(to.AgencyId)}");
        en.AppendLine($"{"You receive this as:",-24}{EmailWords.Role(to.Role).English} at {words.Agency(to.AgencyId)}");
        if (withheld)
        {
            nl.AppendLine().AppendLine("Contactpersonen en toelichting staan in het bericht in het systeem van uw instantie, niet in deze e-mail.");
            en.AppendLine().AppendLine("Contact persons and notes are in the message in your agency's own system, not in this e-mail.");
        }
        var (aboutNl, aboutEn) = mail.HandoverId != Guid.Empty ? ($"overdracht {mail.HandoverId.ToString()[..8]}", $"handover {mail.HandoverId.ToString()[..8]}")
            : family is { } g ? ($"gezin {g.ToString()[..8]}", $"family {g.ToString()[..8]}")
            : ("", "");
        return new EmailText(aboutNl.Length == 0 ? $"[IntegrationHub] {n.Title} / {english}" : $"[IntegrationHub] {n.Title}, {aboutNl} / {english}, {aboutEn}",
            nl.ToString(), en.ToString());
    }

    /// <summary>The English title of a notice (the Dutch one travels with it); null for a kind this list does not know yet.</summary>
    public static string? EnglishTitle(HubNotice notice) => notice.Kind switch
    {
        NoticeKinds.TransitionPlanNeeded => "Transition plan needed: the young person turns 18 within six months (18-/18+)",
        NoticeKinds.Decision => "Binding decision: this agency is bound by it",
        NoticeKinds.ComplianceOverdue => "Decision not complied with in time: the chain office has been told",
        NoticeKinds.AcknowledgementOverdue => "Escalation not acknowledged in time",
        ChainNoticeKinds.DoubleCaseMeeting => "Double case meeting: this child or family is also on the list of another meeting",
        ChainNoticeKinds.MatchContactReminder => "Match reminder: confirm that you have been in contact with the other party or parties",
        ChainNoticeKinds.MatchNotFollowedUp => "Match not followed up: contact was not confirmed in time",
        ChainNoticeKinds.CoordinatorAssigned => "You are assigned to coordinate this family (one family, one plan): accept or decline",
        ChainNoticeKinds.CoordinatorAccepted => "The family's coordinator is known",
        ChainNoticeKinds.CoordinatorNotAccepted => "Coordination not accepted: the next rule of the decision table was applied",
        ChainNoticeKinds.NoCoordinator => "No coordinator: the decision table names no one (any more); the chain office must step in",
        ChainNoticeKinds.CoordinatorReplaced => "Coordination of the family has been taken over",
        ChainNoticeKinds.PlanRegistered => "Family plan registered (one family, one plan)",
        ChainNoticeKinds.PlanAction => "Action from the family plan: your organisation is to act",
        ChainNoticeKinds.ChainEscalation => $"Escalation level {notice.Facts.GetValueOrDefault("level")}: {ChainDeadline(notice.Facts.GetValueOrDefault("deadline")).English} overdue",
        ChainNoticeKinds.ChainEscalationResolved => $"Escalation resolved: {ChainDeadline(notice.Facts.GetValueOrDefault("deadline")).English}",
        ChainNoticeKinds.Stagnation => "Stagnation reported in the help to this family",
        ChainNoticeKinds.PossibleDuplicateHandover => "Possible duplicate handover: the same child was referred to the same receiver by another sender",
        _ => null,
    };

    static (string Dutch, string English) ChainDeadline(string? kind) => kind switch
    {
        ChainDeadlineKinds.Plan => ("gezinsplan vastleggen", "registering the family plan"),
        ChainDeadlineKinds.PlanReview => ("evaluatie van het gezinsplan", "review of the family plan"),
        ChainDeadlineKinds.Action => ("afspraak uit het gezinsplan", "action from the family plan"),
        ChainDeadlineKinds.CoordinatorAccept => ("aanvaarden van de coördinatie", "accepting the coordination"),
        ChainDeadlineKinds.MatchContact => ("contact na een match", "contact after a match"),
        _ => (kind ?? "", kind ?? ""),
    };

    static (string Dutch, string English) Shown(string kind, string fact, string value, EmailWords words)
    {
        if (Agencies.Contains(fact))
            return (words.Agency(value), words.Agency(value));
        if (Moments.Contains(fact) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            return (EmailWords.Dutch(at), EmailWords.English(at));
        if (fact == "deadline")
            return ChainDeadline(value);
        if (fact == "reason" && kind == ChainNoticeKinds.Stagnation)
            return EmailWords.Reason(value);
        return (value, value);
    }

    /// <summary>The facts an e-mail shows, by label; null: left to the agency's own mail (a contact, free text).</summary>
    static (string Dutch, string English)? Label(string kind, string fact) => fact switch
    {
        "month" => ("Maand (17 jaar en 6 mnd)", "Month (17 years 6 months)"),
        "sender" => ("Afzender", "Sender"),
        "receiver" => ("Ontvanger", "Receiver"),
        "escalationId" => ("Opschalingsnummer", "Escalation id"),
        "decisionId" => ("Besluitnummer", "Decision id"),
        "decidedBy" => ("Besloten door", "Decided by"),
        "reference" when kind == NoticeKinds.Decision || kind == NoticeKinds.ComplianceOverdue => ("Besluit (verwijzing)", "Decision (reference)"),
        "reference" => ("Kenmerk", "Reference"),
        "agencyId" => ("Gebonden instantie", "Bound agency"),
        "complyBy" => ("Nakomen uiterlijk", "Comply by"),
        "matchId" => ("Matchnummer", "Match id"),
        "confirmBy" => ("Contact bevestigen vóór", "Confirm contact by"),
        "agency" => ("Instantie", "Agency"),
        "answer" => ("Antwoord via", "Answer via"),
        "assignmentId" => ("Aanwijzingsnummer", "Assignment id"),
        "region" => ("Regio", "Region"),
        "table" => ("Beslistabel", "Decision table"),
        "rule" => ("Regel", "Rule"),
        "condition" => ("Voorwaarde", "Condition"),
        "acceptBy" => ("Aanvaarden vóór", "Accept by"),
        "involved" => ("Betrokken instanties", "Agencies involved"),
        "tried" => ("Eerder gevraagd", "Asked before"),
        "takesOverFrom" => ("Neemt over van", "Takes over from"),
        "coordinator" => ("Coördinator", "Coordinator"),
        "outcome" => ("Uitkomst", "Outcome"),
        "version" => ("Versie", "Version"),
        "reviewBy" => ("Evalueren vóór", "Review by"),
        "actionId" => ("Afspraaknummer", "Action id"),
        "due" => ("Uiterlijk", "Due"),
        "done" => ("Gereed melden via", "Report done via"),
        "deadline" => ("Termijn voor", "Deadline for"),
        "owner" => ("Aan zet", "Owed by"),
        "dueAt" => ("Termijn verstreken op", "Deadline passed"),
        "resolvedAt" => ("Opgelost op", "Resolved"),
        "resolvedBy" => ("Opgelost door", "Resolved by"),
        // A stagnation's reason is a code from a fixed list; a decline's reason is free text, left to the agency's mail.
        "reason" when kind == ChainNoticeKinds.Stagnation => ("Reden", "Reason"),
        "reportedBy" => ("Gemeld door", "Reported by"),
        "otherHandoverId" => ("Andere overdracht", "Other handover"),
        "otherSender" => ("Andere afzender", "Other sender"),
        "meeting" => ("Casusoverleg", "Case meeting"),
        "otherMeeting" => ("Ander casusoverleg", "Other case meeting"),
        "otherAgency" => ("Andere instantie", "Other agency"),
        _ => null,
    };
}
