using System.Text.Json;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Outbox;

namespace IntegrationHub.Hub.Email;

/// <summary>
/// Which e-mails an agency mail makes (<see cref="IPeopleMailKind"/>): one outbox row per person, written in the
/// transaction that decides the mail, so an e-mail is never lost with the decision kept nor sent for a decision undone.
/// Each row's id is stable (from the mail and the address, or the event for a shared copy) and is the e-mail's
/// Message-Id; the outbox keeps an id once, so a copy several mails would each plan is sent once. The handover saga
/// (<see cref="Handover.Emissions"/>) and the chain (<see cref="Signals.ChainMail"/>) both write through <see cref="Rows"/>.
/// </summary>
public sealed class PeopleMailPlanner(EmailOptions options, AgencyDirectory directory, IEnumerable<IPeopleMailKind> kinds)
{
    readonly IReadOnlyList<IPeopleMailKind> _kinds = kinds.ToList();

    /// <summary>
    /// Every outbox row one agency mail makes: the mail for the agency's own queue, then the e-mails to its people.
    /// Without a planner (a machine built bare in a test) only the agency's mail.
    /// </summary>
    public static IReadOnlyList<OutgoingMessage> Rows(AgencyMail mail, PeopleMailPlanner? people) =>
        people is null ? [OutgoingMessage.ToAgency(mail)] : [OutgoingMessage.ToAgency(mail), .. people.Plan(mail)];

    public IReadOnlyList<OutgoingMessage> Plan(AgencyMail mail)
    {
        if (!options.Enabled || _kinds.FirstOrDefault(k => k.Handles(mail)) is not { } kind)
            return [];
        // What people are told about needs no document, and the row keeps only what its kind may say.
        var about = kind.Kept(mail with { Handover = null, Feedback = null });
        return kind.Recipients(mail, directory.Find(mail.To), options)
            .Select(r => new PeopleMail
            {
                EmailId = DeterministicId.From("email", r.Shared is { } shared ? $"shared/{shared}/{r.To.Address.ToLowerInvariant()}" : $"{mail.MailId}/{r.To.Address.ToLowerInvariant()}"),
                To = r.To,
                About = about,
            })
            .DistinctBy(p => p.EmailId)
            .Select(p => new OutgoingMessage(p.EmailId, PeopleMail.Destination(p.To.Address), PeopleMail.MessageType, JsonSerializer.Serialize(p, BusJson.Options)))
            .ToList();
    }

    public IPeopleMailKind? KindOf(AgencyMail mail) => _kinds.FirstOrDefault(k => k.Handles(mail));
}
