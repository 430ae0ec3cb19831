using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Adapters.School.Outbound;

/// <summary>
/// The chain around the child for the care coordinator's import: a match (one row per other party: whom to call)
/// and the hub's notices (one row, its facts as "name: value" pairs). Layouts in docs/adapters/school.md.
/// </summary>
static class ChainRows
{
    public static readonly IReadOnlyList<string> MatchLayout =
    [
        "Berichttype", "Berichtnummer", "Matchnummer", "Datum", "Tijd", "Soort match", "Gezinsnummer", "Uw signaal", "Uw berichtnummer",
        "Uw overdracht", "Instantie", "Contactpersoon", "Rol", "Telefoon", "E-mail", "Gesignaleerd op", "Contact bevestigen uiterlijk op",
    ];

    public static OutboundDocument Match(AgencyMail mail)
    {
        var m = mail.Match ?? throw new ArgumentException($"match mail {mail.MailId} carries no match", nameof(mail));
        var rows = m.Others.Select(o => (IReadOnlyList<string?>)
        [
            "Match", mail.MailId.ToString(), m.MatchId.ToString(), DutchClock.Date(mail.At), DutchClock.Time(mail.At),
            m.Kind == MatchKinds.Family ? "Gezin" : "Kind", m.FamilyId?.ToString(), m.SignalId.ToString(), m.SignalMessageId?.ToString(),
            m.SignalHandoverId?.ToString(), o.AgencyId, o.Name, o.Role, o.Phone, o.Email, DutchClock.DateTime(o.SignalledAt),
            m.ConfirmContactBy is { } by ? DutchClock.DateTime(by) : null,
        ]).ToList();
        return SchoolCsvWriter.WriteRows(MatchLayout, rows);
    }


}
