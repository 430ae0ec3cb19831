using Dapper;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Feedback;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Signals;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Privacy;

namespace IntegrationHub.Hub.Signals;

/// <summary>
/// The referral index through the handovers, in the unit that accepts them: every accepted handover is recorded for
/// the chain (which child, by key; who to whom), checked for a possible duplicate (<see cref="LinkedHandovers"/>),
/// and, where the pair's covenant says so, registers a signal for its sender (a <c>concern</c>; a case-meeting
/// outcome a <c>case-meeting</c> signal). A receipt registers a <c>care</c> signal for the receiver. So the school's
/// CSV referral and the Veiligheidshuis's care report reach the index without a separate call.
/// </summary>
public sealed class HandoverSignals(
    SignalRegistry registry, LinkedHandovers linked, SubjectKeys subjectKeys, CovenantBook covenants, AgencyDirectory directory,
    Email.PeopleMailPlanner people) : IIntakeListener
{
    public async Task HandoverAcceptedAsync(WriteScope scope, AcceptedHandover accepted)
    {
        var document = accepted.Document;
        var sender = ProfessionalContact.From(document.Sender.Professional, directory.Find(document.Sender.AgencyId));
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO chain_handovers (handover_id, subject_key, sender, receiver, sender_contact, submitted_at)
            VALUES (@Id, @Subject, @Sender, @Receiver, @Contact, @At) ON CONFLICT DO NOTHING
            """,
            new
            {
                Id = accepted.HandoverId.ToString(), Subject = accepted.SubjectKey, Sender = document.Sender.AgencyId, Receiver = document.Receiver.AgencyId,
                Contact = sender.ToJson(), At = Epoch.Ms(accepted.At),
            }, scope.Transaction).ConfigureAwait(false);
        var mail = new ChainMail(people);
        await linked.CheckAsync(scope, mail, accepted, sender).ConfigureAwait(false);

        var covenant = covenants.For(document.Sender.AgencyId, document.Receiver.AgencyId);
        if (covenant.Signals.FromHandovers)
        {
            // The subject key is already known; the secret is loaded, so these keys cost no database round trip.
            var links = await SignalIntake.LinksAsync(subjectKeys, document.Family?.Guardians?.Select(g => g.Bsn),
                document.Family?.Siblings?.Select(s => (string?)s.Bsn), CancellationToken.None).ConfigureAwait(false);
            await registry.RegisterAsync(scope, mail, new SignalRegistration(
                document.Sender.AgencyId, accepted.SubjectKey, document.Subject.BirthDate, Municipality(document),
                accepted.Signal?.Kind ?? SignalKinds.Concern, accepted.Signal?.MeetingId ?? "", sender, links, null, accepted.HandoverId,
                "handover:" + accepted.Channel, PayloadHash.OfJson($"{{\"handoverId\":\"{accepted.HandoverId}\"}}")), accepted.At).ConfigureAwait(false);
        }
        await mail.WriteAsync(scope).ConfigureAwait(false);
    }

    public async Task FeedbackAcceptedAsync(WriteScope scope, AcceptedFeedback accepted)
    {
        if (accepted.Feedback.Kind is not (FeedbackKinds.Receipt or FeedbackKinds.CareStarted or FeedbackKinds.AcceptedWaiting)
            || accepted.Feedback.By.AgencyId != accepted.Receiver || !covenants.For(accepted.Sender, accepted.Receiver).Signals.FromReceipts)
            return;
        var handover = await scope.Connection.QuerySingleOrDefaultAsync<(string SubjectKey, string Municipality)?>(
            """
            SELECT ch.subject_key, COALESCE(cs.municipality, '') FROM chain_handovers ch LEFT JOIN chain_subjects cs ON cs.subject_key = ch.subject_key
            WHERE ch.handover_id = @Id
            """, new { Id = accepted.HandoverId.ToString() }, scope.Transaction).ConfigureAwait(false);
        if (handover is not { } h)
            return;
        // Once the receiver has the child, it is involved: its care is on the index (ketenregistratie), refreshed by later answers.
        var mail = new ChainMail(people);
        await registry.RegisterAsync(scope, mail, new SignalRegistration(
            accepted.Receiver, h.SubjectKey, null, h.Municipality.Length > 0 ? h.Municipality : Reports.ReportDimensions.UnknownMunicipality, SignalKinds.Care, "",
            ProfessionalContact.From(accepted.Feedback.By.Professional, directory.Find(accepted.Receiver)), [], null, accepted.HandoverId,
            "feedback:" + accepted.Channel, PayloadHash.OfJson($"{{\"handoverId\":\"{accepted.HandoverId}\",\"feedback\":\"{accepted.Feedback.MessageId}\"}}")),
            accepted.At).ConfigureAwait(false);
        await mail.WriteAsync(scope).ConfigureAwait(false);
    }

    string Municipality(HandoverDocument document) =>
        Reports.ReportDimensions.Municipality(document.Subject.Address?.City, directory.Find(document.Sender.AgencyId)?.Municipality);
}
