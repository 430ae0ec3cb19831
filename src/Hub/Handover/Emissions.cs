using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Outbox;

namespace IntegrationHub.Hub.Handover;

/// <summary>
/// What one step of a handover decides to send: agency mail, written to the outbox in the same transaction
/// as the new state. Steps add to it; the machine hands it back with its decision, so what a step sends is
/// part of its result (and of its tests), never a side effect hidden in the state. The e-mails people get about a
/// mail (<see cref="Email.PeopleMailPlanner"/>) are planned with it, in the same transaction.
/// </summary>
public sealed class Emissions(Email.PeopleMailPlanner? people = null)
{
    readonly List<OutgoingMessage> _messages = [];

    public IReadOnlyList<OutgoingMessage> Messages => _messages;

    public void Mail(AgencyMail mail) => _messages.AddRange(Email.PeopleMailPlanner.Rows(mail, people));
}
