using System.Globalization;
using System.Text;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Language;

namespace IntegrationHub.Hub.Email;

/// <summary>
/// The hub's own notices (a transition plan needed, a binding decision, compliance overdue, an acknowledgement overdue),
/// for the contacts of the agency they are for at the notice's level (fact "level", else level 1: who holds the case);
/// the chain office hears of transitions and of what was not done in time.
/// </summary>
public sealed class NoticeMailKind : IPeopleMailKind
{
    static readonly HashSet<string> ChainOfficeHears =
        [NoticeKinds.TransitionPlanNeeded, NoticeKinds.ComplianceOverdue, NoticeKinds.AcknowledgementOverdue, NoticeKinds.Decision];

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

    public EmailText Compose(AgencyMail mail, Recipient to, EmailWords words)
    {
        var n = mail.Notice!;
        var english = EnglishTitle(n.Kind) ?? n.Kind;
        var nl = new StringBuilder().AppendLine(n.Title).AppendLine();
        var en = new StringBuilder().AppendLine(english).AppendLine();
        nl.AppendLine($"{"Overdracht:",-24}{mail.HandoverId}");
        en.AppendLine($"{"Handover:",-24}{mail.HandoverId}");
        foreach (var (name, value) in n.Facts.Where(f => f.Key is not ("handoverId" or "level")).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var (labelNl, labelEn) = Label(name);
            var shown = name is "sender" or "receiver" or "agencyId" ? words.Agency(value) : value;
            // The fact keeps the record's form ("team-lead at ..."); a person reads the role in their language.
            var (shownNl, shownEn) = name is "addressees"
                ? (Addressees(value, TextCatalog.Dutch), Addressees(value, TextCatalog.English))
                : (shown, shown);
            nl.AppendLine($"{labelNl + ":",-24}{shownNl}");
            en.AppendLine($"{labelEn + ":",-24}{shownEn}");
        }
        nl.AppendLine($"{"U ontvangt dit als:",-24}{EmailWords.Role(to.Role).Dutch} bij {words.Agency(to.AgencyId)}");
        en.AppendLine($"{"You receive this as:",-24}{EmailWords.Role(to.Role).English} at {words.Agency(to.AgencyId)}");
        var shortId = mail.HandoverId.ToString()[..8];
        return new EmailText($"[IntegrationHub] {n.Title}, overdracht {shortId} / {english}, handover {shortId}", nl.ToString(), en.ToString());
    }

    static string Addressees(string fact, string language) =>
        HistoryWords.Addressees(fact.Split("; ", StringSplitOptions.RemoveEmptyEntries), language);

    static string? EnglishTitle(string kind) => kind switch
    {
        NoticeKinds.TransitionPlanNeeded => "Transition plan needed: the young person turns 18 within six months (18-/18+)",
        NoticeKinds.Decision => "Binding decision: this agency is bound by it",
        NoticeKinds.ComplianceOverdue => "Decision not complied with in time: the chain office has been told",
        NoticeKinds.AcknowledgementOverdue => "Escalation not acknowledged in time",
        _ => null,
    };

    static (string Dutch, string English) Label(string fact) => fact switch
    {
        "month" => ("Maand (17 jaar en 6 mnd)", "Month (17 years 6 months)"),
        "sender" => ("Afzender", "Sender"),
        "receiver" => ("Ontvanger", "Receiver"),
        "escalationId" => ("Opschalingsnummer", "Escalation id"),
        "decisionId" => ("Besluitnummer", "Decision id"),
        "decidedBy" => ("Besloten door", "Decided by"),
        "reference" => ("Besluit (verwijzing)", "Decision (reference)"),
        "agencyId" => ("Gebonden instantie", "Bound agency"),
        "complyBy" => ("Nakomen uiterlijk", "Comply by"),
        _ => (fact, fact),
    };
}
