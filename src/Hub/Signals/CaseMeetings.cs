using Dapper;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Coordination;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Signals;

/// <summary>
/// No child is discussed in two meetings (seed 000:971-975): a case-meeting signal while another meeting's signal is
/// active on the same child or family raises a double-case-meeting notice to both chairs (the agencies whose
/// professionals signalled the meetings) and the chain office, once per pair of meetings.
/// </summary>
public sealed class CaseMeetings
{
    public async Task CheckAsync(WriteScope scope, ChainMail mail, StoredSignal signal, string familyId, ChainRegion region, DateTimeOffset now)
    {
        var (c, tx) = (scope.Connection, scope.Transaction);
        var others = await c.QueryAsync<(string Agency, string MeetingId, string Professional)>(
            """
            SELECT s.agency, s.meeting_id, s.professional FROM signals s JOIN chain_subjects cs ON cs.subject_key = s.subject_key
            WHERE cs.family_id = @Family AND s.kind = 'case-meeting' AND s.meeting_id <> @Meeting AND s.active_until > @Now
            ORDER BY s.updated_at DESC
            """, new { Family = familyId, Meeting = signal.MeetingId, Now = Epoch.Ms(now) }, tx).ConfigureAwait(false);
        foreach (var other in others.DistinctBy(o => (o.Agency, o.MeetingId)))
        {
            var (a, b) = string.CompareOrdinal($"{signal.Agency}/{signal.MeetingId}", $"{other.Agency}/{other.MeetingId}") < 0
                ? ($"{signal.Agency}/{signal.MeetingId}", $"{other.Agency}/{other.MeetingId}")
                : ($"{other.Agency}/{other.MeetingId}", $"{signal.Agency}/{signal.MeetingId}");
            var inserted = await c.ExecuteAsync(
                "INSERT INTO case_meeting_overlaps (meeting_a, meeting_b, family_id, at) VALUES (@A, @B, @Family, @Now) ON CONFLICT DO NOTHING",
                new { A = a, B = b, Family = familyId, Now = Epoch.Ms(now) }, tx).ConfigureAwait(false);
            if (inserted == 0)
                continue;
            var otherChair = ProfessionalContact.FromJson(other.Professional);
            Tell(mail, signal.Agency, familyId, signal.MeetingId, other.Agency, other.MeetingId, otherChair, now);
            if (other.Agency != signal.Agency)
                Tell(mail, other.Agency, familyId, other.MeetingId, signal.Agency, signal.MeetingId, signal.Professional, now);
            if (region.ChainOffice != signal.Agency && region.ChainOffice != other.Agency)
                mail.Notice(region.ChainOffice, ChainNoticeKinds.DoubleCaseMeeting, ChainTexts.DoubleCaseMeeting, new Dictionary<string, string>
                {
                    ["familyId"] = familyId, ["meeting"] = $"{signal.MeetingId} ({signal.Agency})", ["otherMeeting"] = $"{other.MeetingId} ({other.Agency})",
                    ["chair"] = signal.Professional.Describe(), ["otherChair"] = otherChair.Describe(),
                }, now);
        }
    }

    static void Tell(ChainMail mail, string to, string familyId, string meeting, string otherAgency, string otherMeeting, ProfessionalContact otherChair, DateTimeOffset now) =>
        mail.Notice(to, ChainNoticeKinds.DoubleCaseMeeting, ChainTexts.DoubleCaseMeeting, new Dictionary<string, string>
        {
            ["familyId"] = familyId, ["meeting"] = meeting, ["otherMeeting"] = otherMeeting, ["otherAgency"] = otherAgency, ["otherChair"] = otherChair.Describe(),
        }, now);
}
