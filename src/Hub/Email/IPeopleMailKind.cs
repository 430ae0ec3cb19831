using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Hub.Email;

/// <summary>
/// A kind of agency mail people also hear of by e-mail: to whom, and what the e-mail says. The channel is generic over
/// mail kinds: escalations (<see cref="EscalationMailKind"/>) and the hub's notices (<see cref="NoticeMailKind"/>) are
/// two, a match in the referral index (<see cref="MatchMailKind"/>) a third; another registers its own with
/// <c>services.AddSingleton&lt;IPeopleMailKind, ...&gt;()</c>.
/// </summary>
public interface IPeopleMailKind
{
    bool Handles(AgencyMail mail);

    /// <summary>
    /// Who hears of <paramref name="mail"/> (addressed to <paramref name="agency"/>). <c>Shared</c>: a key for an e-mail
    /// that several agency mails of one event would each plan (the chain office's copy), so it is sent once.
    /// </summary>
    IEnumerable<(Recipient To, string? Shared)> Recipients(AgencyMail mail, Agency? agency, EmailOptions options);

    /// <summary>
    /// What the outbox keeps of the mail for the e-mail (until it is sent): no more than <see cref="Compose"/> may say,
    /// so what an e-mail must not carry is not kept beside it either.
    /// </summary>
    AgencyMail Kept(AgencyMail mail) => mail;

    /// <summary>What the e-mail says, Dutch first and English below; no personal data, only ids, dates, roles and agencies.</summary>
    EmailText Compose(AgencyMail mail, Recipient to, EmailWords words);
}

/// <summary>The parts of an e-mail a kind composes; the composer adds the link, the footer and the headers.</summary>
public sealed record EmailText(string Subject, string Dutch, string English);

/// <summary>Contacts of an agency by level, with an address: who a rule can write to.</summary>
public static class AgencyContacts
{
    /// <summary>The agency's contacts with an e-mail address at the highest level up to <paramref name="level"/> that has any.</summary>
    public static IEnumerable<Recipient> UpTo(Agency? agency, int level)
    {
        if (agency is null)
            return [];
        for (var l = Math.Min(level, 3); l >= 1; l--)
        {
            var found = agency.Contacts.Where(c => c.Level == l && !string.IsNullOrWhiteSpace(c.Email))
                .Select(c => new Recipient(c.Email!, c.Name, agency.Id, c.Role)).ToList();
            if (found.Count > 0)
                return found;
        }
        return [];
    }

    public static IEnumerable<(Recipient, string?)> ChainOffice(EmailOptions options, string shared) =>
        options.ChainOffice.Select(address => (new Recipient(address, "ketenbureau", Recipient.ChainOffice, Recipient.ChainOffice), (string?)shared));
}
