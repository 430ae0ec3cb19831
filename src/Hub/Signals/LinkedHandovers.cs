using Dapper;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Coordination;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Signals;

/// <summary>
/// Kevin reaches BJZ twice, from the school and from JGZ (issue 12): the same child handed to the same receiver by
/// another sender within the covenant's window, while the earlier handover is still open, is flagged as a possible
/// duplicate to both senders and the receiver, each with the other's contact. A re-route of one's own handover
/// (predecessorHandoverId) is the same sender and never flagged.
/// </summary>
public sealed class LinkedHandovers(CovenantBook covenants)
{
    public const string PossibleDuplicate = "possible-duplicate";

    public async Task CheckAsync(WriteScope scope, ChainMail mail, AcceptedHandover accepted, ProfessionalContact senderContact)
    {
        var (c, tx) = (scope.Connection, scope.Transaction);
        var sender = accepted.Document.Sender.AgencyId;
        var receiver = accepted.Document.Receiver.AgencyId;
        var window = covenants.For(sender, receiver).DuplicateWindow;
        var earlier = await c.QueryAsync<(string HandoverId, string Sender, string Contact, long SubmittedAt)>(
            """
            SELECT ch.handover_id, ch.sender, ch.sender_contact, ch.submitted_at FROM chain_handovers ch
            JOIN handovers h ON h.correlation_id = ch.handover_id
            WHERE ch.subject_key = @Subject AND ch.receiver = @Receiver AND ch.sender <> @Sender AND ch.handover_id <> @Id
              AND h.current_state NOT IN ('Rejected', 'Withdrawn', 'CareCompleted')
            ORDER BY ch.submitted_at
            """, new { Subject = accepted.SubjectKey, Receiver = receiver, Sender = sender, Id = accepted.HandoverId.ToString() }, tx).ConfigureAwait(false);
        foreach (var other in earlier)
        {
            if (window.AddTo(Epoch.At(other.SubmittedAt), covenants.Region.Calendar) < accepted.At)
                continue;
            var otherId = Guid.Parse(other.HandoverId);
            foreach (var (from, to) in new[] { (accepted.HandoverId, otherId), (otherId, accepted.HandoverId) })
                await c.ExecuteAsync(
                    "INSERT INTO handover_links (handover_id, other_id, kind, at) VALUES (@From, @To, @Kind, @At) ON CONFLICT DO NOTHING",
                    new { From = from.ToString(), To = to.ToString(), Kind = PossibleDuplicate, At = Epoch.Ms(accepted.At) }, tx).ConfigureAwait(false);
            var otherContact = ProfessionalContact.FromJson(other.Contact);
            Flag(mail, sender, accepted.HandoverId, otherId, other.Sender, otherContact, receiver, accepted.At);
            Flag(mail, other.Sender, otherId, accepted.HandoverId, sender, senderContact, receiver, accepted.At);
            mail.Notice(receiver, ChainNoticeKinds.PossibleDuplicateHandover, ChainTexts.PossibleDuplicate, new Dictionary<string, string>
            {
                ["handoverId"] = accepted.HandoverId.ToString(), ["sender"] = sender, ["senderContact"] = senderContact.Describe(),
                ["otherHandoverId"] = other.HandoverId, ["otherSender"] = other.Sender, ["otherSenderContact"] = otherContact.Describe(),
                ["receiver"] = receiver,
            }, accepted.At, accepted.HandoverId);
        }
    }

    static void Flag(ChainMail mail, string to, Guid handoverId, Guid otherId, string otherSender, ProfessionalContact otherContact, string receiver, DateTimeOffset at) =>
        mail.Notice(to, ChainNoticeKinds.PossibleDuplicateHandover, ChainTexts.PossibleDuplicate, new Dictionary<string, string>
        {
            ["handoverId"] = handoverId.ToString(), ["otherHandoverId"] = otherId.ToString(), ["otherSender"] = otherSender,
            ["otherSenderContact"] = otherContact.Describe(), ["receiver"] = receiver,
        }, at, handoverId);
}
