using System.Text;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Hub.Email;

/// <summary>
/// A match in the referral index (verwijsindex), for the contacts of the agency it is addressed to at level 1 (who
/// holds the case day to day): which of its own signals matched, which other agencies signalled and when, by when it
/// confirms contact. The other professional's name, phone and e-mail are left out: they are a person's data, and the
/// match in the agency's own system (its queue, webhook or export) carries them to whoever is entitled to them; the
/// e-mail only says where to look. The outbox keeps no more of them for the e-mail than it says.
/// </summary>
public sealed class MatchMailKind : IPeopleMailKind
{
    public bool Handles(AgencyMail mail) => mail.Kind == AgencyMailKinds.Match && mail.Match is not null;

    public IEnumerable<(Recipient To, string? Shared)> Recipients(AgencyMail mail, Agency? agency, EmailOptions options) =>
        AgencyContacts.UpTo(agency, 1).Select(person => (person, (string?)null));

    public AgencyMail Kept(AgencyMail mail) => mail with
    {
        Match = mail.Match! with
        {
            Others = mail.Match.Others.Select(o => o with { Name = "", Role = null, Phone = null, Email = null }).ToList(),
        },
    };

    public EmailText Compose(AgencyMail mail, Recipient to, EmailWords words)
    {
        var m = mail.Match!;
        var family = m.Kind == MatchKinds.Family;
        var (kindNl, kindEn) = family
            ? ("een ander kind uit hetzelfde gezin (broer, zus of gedeelde ouder/verzorger)", "another child of the same family (a sibling or a shared parent/carer)")
            : ("hetzelfde kind", "the same child");
        var shortId = m.MatchId.ToString()[..8];

        var nl = new StringBuilder()
            .AppendLine("Match in de verwijsindex: een andere instantie heeft een signaal afgegeven over hetzelfde kind of gezin als uw instantie.")
            .AppendLine()
            .AppendLine($"{"Match:",-26}{m.MatchId}")
            .AppendLine($"{"Soort match:",-26}{kindNl}");
        var en = new StringBuilder()
            .AppendLine("Match in the referral index: another agency has signalled the same child or family as your agency.")
            .AppendLine()
            .AppendLine($"{"Match:",-26}{m.MatchId}")
            .AppendLine($"{"Kind of match:",-26}{kindEn}");
        if (m.FamilyId is { } f)
        {
            nl.AppendLine($"{"Gezin:",-26}{f}");
            en.AppendLine($"{"Family:",-26}{f}");
        }
        nl.AppendLine($"{"Uw signaal:",-26}{m.SignalId}");
        en.AppendLine($"{"Your signal:",-26}{m.SignalId}");
        if (m.SignalMessageId is { } messageId)
        {
            nl.AppendLine($"{"Uw berichtnummer:",-26}{messageId}");
            en.AppendLine($"{"Your message id:",-26}{messageId}");
        }
        if (m.SignalHandoverId is { } handover)
        {
            nl.AppendLine($"{"Uit uw overdracht:",-26}{handover}");
            en.AppendLine($"{"From your handover:",-26}{handover}");
        }
        foreach (var other in m.Others)
        {
            nl.AppendLine($"{"Ook gesignaleerd door:",-26}{words.Agency(other.AgencyId)}, sinds {EmailWords.Dutch(other.SignalledAt)}");
            en.AppendLine($"{"Also signalled by:",-26}{words.Agency(other.AgencyId)}, since {EmailWords.English(other.SignalledAt)}");
        }
        if (m.ConfirmContactBy is { } by)
        {
            nl.AppendLine($"{"Contact bevestigen vóór:",-26}{EmailWords.Dutch(by)} (POST /api/signals/matches/{m.MatchId}/contact)");
            en.AppendLine($"{"Confirm contact by:",-26}{EmailWords.English(by)}");
        }
        nl.AppendLine($"{"U ontvangt dit als:",-26}{EmailWords.Role(to.Role).Dutch} bij {words.Agency(to.AgencyId)}");
        en.AppendLine($"{"You receive this as:",-26}{EmailWords.Role(to.Role).English} at {words.Agency(to.AgencyId)}");
        nl.AppendLine().AppendLine("Neem contact op met de andere instantie(s). Wie u daar belt (naam, telefoon, e-mail) staat in het matchbericht in het systeem van uw instantie, niet in deze e-mail.");
        en.AppendLine().AppendLine("Contact the other agency or agencies. Whom to call there (name, phone, e-mail) is in the match message in your agency's own system, not in this e-mail.");

        return new EmailText($"[IntegrationHub] Match in de verwijsindex, match {shortId} / match in the referral index, match {shortId}", nl.ToString(), en.ToString());
    }
}
