using Dapper;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Coordination;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Signals;

/// <summary>
/// Matches (CHAIN.md §1): a new or refreshed signal meets the active signals of other agencies on the same child (a
/// child match) or on children of the same family (a family match), which it was not matched with before. Every
/// party hears of the match in its own format with the others' names and contacts only, must confirm contact within
/// the region's term (reminded halfway; the chain office hears at the end), and each match is a delivery-log entry
/// per party. Two agencies between which the child was handed over know each other already: their signals on that
/// child make no match.
/// </summary>
public sealed class Matcher(CovenantBook covenants, IDeliveryLog deliveryLog)
{
    public async Task MatchAsync(WriteScope scope, ChainMail mail, StoredSignal signal, string familyId, ChainRegion region, DateTimeOffset now)
    {
        var (c, tx) = (scope.Connection, scope.Transaction);
        var p = new { Signal = signal.SignalId.ToString(), signal.Agency, Subject = signal.SubjectKey, Family = familyId, Now = Epoch.Ms(now) };
        // The other agencies' active signals on this child that share no child match with this signal yet.
        var child = await c.QueryAsync<Row>(
            $"""
            SELECT {Columns} FROM signals s
            WHERE s.subject_key = @Subject AND s.agency <> @Agency AND s.active_until > @Now
              AND NOT EXISTS (SELECT 1 FROM match_parties a JOIN match_parties b ON a.match_id = b.match_id JOIN matches m ON m.match_id = a.match_id
                              WHERE a.signal_id = @Signal AND b.signal_id = s.signal_id AND m.kind = 'child')
              -- A handover of this child between the two agencies: they know each other already; a match would tell them nothing.
              AND NOT EXISTS (SELECT 1 FROM chain_handovers ch WHERE ch.subject_key = @Subject
                              AND ((ch.sender = @Agency AND ch.receiver = s.agency) OR (ch.sender = s.agency AND ch.receiver = @Agency)))
            ORDER BY s.updated_at DESC, s.signal_id
            """, p, tx).ConfigureAwait(false);
        // ... and on the family's other children.
        var family = await c.QueryAsync<Row>(
            $"""
            SELECT {Columns} FROM signals s JOIN chain_subjects cs ON cs.subject_key = s.subject_key
            WHERE cs.family_id = @Family AND s.subject_key <> @Subject AND s.agency <> @Agency AND s.active_until > @Now
              AND NOT EXISTS (SELECT 1 FROM match_parties a JOIN match_parties b ON a.match_id = b.match_id JOIN matches m ON m.match_id = a.match_id
                              WHERE a.signal_id = @Signal AND b.signal_id = s.signal_id AND m.kind = 'family')
            ORDER BY s.updated_at DESC, s.signal_id
            """, p, tx).ConfigureAwait(false);
        await CreateAsync(scope, mail, MatchKinds.Child, signal, child.ToList(), familyId, region, now).ConfigureAwait(false);
        await CreateAsync(scope, mail, MatchKinds.Family, signal, family.ToList(), familyId, region, now).ConfigureAwait(false);
    }

    async Task CreateAsync(WriteScope scope, ChainMail mail, string kind, StoredSignal signal, IReadOnlyList<Row> others, string familyId, ChainRegion region,
        DateTimeOffset now)
    {
        // One party per agency: an agency that signalled two of the children is one professional to call, not two.
        var parties = others.GroupBy(o => o.Agency).Select(g => g.First().ToSignal()).Prepend(signal).ToList();
        if (parties.Count < 2)
            return;
        var (c, tx) = (scope.Connection, scope.Transaction);
        var matchId = Guid.NewGuid();
        await c.ExecuteAsync("INSERT INTO matches (match_id, kind, family_id, created_at) VALUES (@Id, @Kind, @Family, @Now)",
            new { Id = matchId.ToString(), Kind = kind, Family = familyId, Now = Epoch.Ms(now) }, tx).ConfigureAwait(false);
        var calendar = covenants.Region.Calendar;
        var confirmBy = region.Terms.MatchContact.AddTo(now, calendar);
        var remindAt = region.Terms.MatchReminder.AddTo(now, calendar);
        foreach (var party in parties)
        {
            await c.ExecuteAsync(
                "INSERT INTO match_parties (match_id, signal_id, agency, subject_key) VALUES (@Match, @Signal, @Agency, @Subject)",
                new { Match = matchId.ToString(), Signal = party.SignalId.ToString(), party.Agency, Subject = party.SubjectKey }, tx).ConfigureAwait(false);
            await ChainDeadlineStore.OpenAsync(scope, familyId, ChainDeadlineKinds.MatchContact, matchId.ToString(), party.Agency, confirmBy, remindAt).ConfigureAwait(false);
            mail.Match(party.Agency, new MatchNotice
            {
                MatchId = matchId, Kind = kind, FamilyId = Guid.Parse(familyId), SignalId = party.SignalId, SignalMessageId = party.MessageId,
                SignalHandoverId = party.HandoverId, ConfirmContactBy = confirmBy,
                Others = parties.Where(o => o.Agency != party.Agency).Select(o => new MatchParty
                {
                    AgencyId = o.Agency, Name = o.Professional.Name, Role = o.Professional.Role, Phone = o.Professional.Phone, Email = o.Professional.Email,
                    SignalledAt = o.SignalledAt,
                }).ToList(),
            }, now);
            await deliveryLog.AppendAsync(new DeliveryLogEntry
            {
                At = now, MessageId = Adapters.DeterministicId.From("match", $"{matchId}/{party.Agency}"), Sender = signal.Agency, Receiver = party.Agency,
                Kind = "match:" + kind, SubjectKey = party.SubjectKey, PayloadSha256 = PayloadHash.OfJson($"{{\"matchId\":\"{matchId}\",\"signalId\":\"{party.SignalId}\"}}"),
                Outcome = DeliveryOutcomes.Accepted, Channel = "signals",
            }, c, tx).ConfigureAwait(false);
        }
    }

    const string Columns = """
        s.signal_id AS SignalId, s.agency AS Agency, s.subject_key AS SubjectKey, s.kind AS Kind, s.meeting_id AS MeetingId, s.professional AS Professional,
        s.message_id AS MessageId, s.handover_id AS HandoverId, s.updated_at AS UpdatedAt
        """;

    sealed class Row
    {
        public string SignalId { get; set; } = "";
        public string Agency { get; set; } = "";
        public string SubjectKey { get; set; } = "";
        public string Kind { get; set; } = "";
        public string MeetingId { get; set; } = "";
        public string Professional { get; set; } = "";
        public string? MessageId { get; set; }
        public string? HandoverId { get; set; }
        public long UpdatedAt { get; set; }

        public StoredSignal ToSignal() => new(Guid.Parse(SignalId), Agency, SubjectKey, Kind, MeetingId, ProfessionalContact.FromJson(Professional),
            MessageId is null ? null : Guid.Parse(MessageId), HandoverId is null ? null : Guid.Parse(HandoverId), Epoch.At(UpdatedAt));
    }
}
