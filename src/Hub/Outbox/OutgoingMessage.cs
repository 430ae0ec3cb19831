using System.Text.Json;
using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Hub.Outbox;

/// <summary>
/// A message the hub has decided to send but not yet sent: written to the outbox table in the same
/// transaction as the decision, dispatched after commit. Its id is fixed now, so a re-dispatch after a
/// crash carries the same message id and the agency (and the egress journal) can tell it is the same.
/// </summary>
public sealed record OutgoingMessage(Guid MessageId, string Destination, string MessageType, string Body)
{
    /// <summary>Sent to one agency's own queue (and webhook), and only that one.</summary>
    public static string AgencyDestination(string agencyId) => "agency:" + agencyId;

    public static OutgoingMessage ToAgency(AgencyMail mail) =>
        new(mail.MailId, AgencyDestination(mail.To), nameof(AgencyMail), JsonSerializer.Serialize(mail, BusJson.Options));
}
