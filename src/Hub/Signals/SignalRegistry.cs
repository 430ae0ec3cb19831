using Dapper;
using IntegrationHub.Contracts.Signals;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Coordination;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Signals;

/// <summary>One signal to register, from whichever way it came (the API, a handover, a receipt).</summary>
/// <param name="MeetingId">the case meeting, with kind case-meeting; empty otherwise.</param>
/// <param name="Source">api:signals, handover, receipt: for the delivery log.</param>
public sealed record SignalRegistration(
    string Agency, string SubjectKey, DateOnly? BirthDate, string Municipality, string Kind, string MeetingId, ProfessionalContact Professional,
    IReadOnlyList<FamilyLink> Links, Guid? MessageId, Guid? HandoverId, string Source, string PayloadSha256);

/// <param name="Matched">the signal is in a match (a new one or one from before).</param>
public sealed record RegisteredSignal(Guid SignalId, bool Matched, string FamilyId, bool New);

/// <summary>
/// The referral index (verwijsindex): registers a signal inside the caller's unit, then what follows from it in the
/// same unit: the child's family, matches with other agencies' active signals, a double case meeting, and a look at
/// who coordinates the family. One agency has one signal per child, kind and meeting; signalling again refreshes it
/// (its lifetimes run from the last update).
/// </summary>
public sealed class SignalRegistry(Families families, Matcher matcher, CaseMeetings meetings, CoordinatorAssignments coordination, IDeliveryLog deliveryLog)
{
    public async Task<RegisteredSignal> RegisterAsync(WriteScope scope, ChainMail mail, SignalRegistration r, DateTimeOffset now)
    {
        var (c, tx) = (scope.Connection, scope.Transaction);
        await ChainLocks.LockAsync(scope, r.Links.Select(l => l.OtherKey).Append(r.SubjectKey)).ConfigureAwait(false);
        var familyId = await families.EnsureSubjectAsync(scope, r.SubjectKey, r.BirthDate, r.Municipality, now).ConfigureAwait(false);
        var region = await families.RegionAsync(scope, familyId).ConfigureAwait(false);
        var activeUntil = now.AddMonths(region.Terms.SignalActiveMonths);
        var visibleUntil = now.AddMonths(region.Terms.SignalVisibleMonths);

        var existing = await c.QuerySingleOrDefaultAsync<string>(
            "SELECT signal_id FROM signals WHERE agency = @Agency AND subject_key = @Subject AND kind = @Kind AND meeting_id = @Meeting",
            new { r.Agency, Subject = r.SubjectKey, r.Kind, Meeting = r.MeetingId }, tx).ConfigureAwait(false);
        var signalId = existing is null ? Guid.NewGuid() : Guid.Parse(existing);
        var values = new
        {
            Id = signalId.ToString(), r.Agency, Subject = r.SubjectKey, r.Kind, Meeting = r.MeetingId, Professional = r.Professional.ToJson(),
            MessageId = r.MessageId?.ToString(), HandoverId = r.HandoverId?.ToString(), r.Source, Now = Epoch.Ms(now),
            ActiveUntil = Epoch.Ms(activeUntil), VisibleUntil = Epoch.Ms(visibleUntil),
        };
        if (existing is null)
            await c.ExecuteAsync(
                """
                INSERT INTO signals (signal_id, agency, subject_key, kind, meeting_id, professional, message_id, handover_id, source,
                                     created_at, updated_at, active_until, visible_until)
                VALUES (@Id, @Agency, @Subject, @Kind, @Meeting, @Professional, @MessageId, @HandoverId, @Source, @Now, @Now, @ActiveUntil, @VisibleUntil)
                """, values, tx).ConfigureAwait(false);
        else
            await c.ExecuteAsync(
                """
                UPDATE signals SET professional = @Professional, message_id = COALESCE(@MessageId, message_id), handover_id = COALESCE(@HandoverId, handover_id),
                       updated_at = @Now, active_until = @ActiveUntil, visible_until = @VisibleUntil
                WHERE signal_id = @Id
                """, values, tx).ConfigureAwait(false);

        await Families.LinkAsync(scope, r.SubjectKey, r.Links, signalId.ToString()).ConfigureAwait(false);
        familyId = await families.UniteAsync(scope, r.SubjectKey).ConfigureAwait(false);

        await deliveryLog.AppendAsync(new DeliveryLogEntry
        {
            At = now, MessageId = r.MessageId ?? Adapters.DeterministicId.From("signal", $"{signalId}/{Epoch.Ms(now)}"), HandoverId = r.HandoverId,
            Sender = r.Agency, Kind = "signal:" + r.Kind, SubjectKey = r.SubjectKey, PayloadSha256 = r.PayloadSha256,
            Outcome = DeliveryOutcomes.Accepted, Channel = r.Source,
        }, c, tx).ConfigureAwait(false);

        var signal = new StoredSignal(signalId, r.Agency, r.SubjectKey, r.Kind, r.MeetingId, r.Professional, r.MessageId, r.HandoverId, now);
        await matcher.MatchAsync(scope, mail, signal, familyId, region, now).ConfigureAwait(false);
        if (r.Kind == SignalKinds.CaseMeeting)
            await meetings.CheckAsync(scope, mail, signal, familyId, region, now).ConfigureAwait(false);
        await coordination.ReviewAsync(scope, mail, familyId, now).ConfigureAwait(false);

        var matched = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM match_parties WHERE signal_id = @Id", new { Id = signalId.ToString() }, tx)
            .ConfigureAwait(false) > 0;
        return new RegisteredSignal(signalId, matched, familyId, existing is null);
    }
}

/// <summary>A signal as the index holds it.</summary>
public sealed record StoredSignal(
    Guid SignalId, string Agency, string SubjectKey, string Kind, string MeetingId, ProfessionalContact Professional, Guid? MessageId, Guid? HandoverId,
    DateTimeOffset SignalledAt);
