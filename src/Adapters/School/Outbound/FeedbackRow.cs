using IntegrationHub.Contracts.Feedback;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Adapters.School.Outbound;

/// <summary>
/// The care coordinator's feedback import (terugkoppeling): one fixed layout for feedback and for
/// escalation notices, so the school's import needs one mapping. Columns that do not apply stay empty.
/// </summary>
static class FeedbackRow
{
    public static readonly IReadOnlyList<string> Layout =
    [
        "Berichttype", "Berichtnummer", "Overdrachtnummer", "Datum", "Tijd", "Afzender overdracht", "Ontvanger overdracht",
        "Status", "Door", "Contactpersoon", "Rol", "Telefoon", "E-mail", "Reden", "Voorgestelde instantie",
        "Geplande einddatum", "Resultaat", "Toelichting",
        "Opschalingsniveau", "Termijn", "Verlopen sinds", "Verantwoordelijke instantie", "Geadresseerden", "Opgelost op", "Opgelost door",
        // Appended, not inserted: a school's import maps columns by position as well as by name.
        "Doorverwijzen uiterlijk op",
    ];

    public static OutboundDocument Feedback(AgencyMail mail)
    {
        var feedback = mail.FeedbackDocument();
        var at = feedback.At ?? mail.At;
        var who = feedback.By.Professional;
        return Write(mail, "Terugkoppeling", at, new()
        {
            ["Status"] = DutchTerms.FeedbackStatus.ToDutch(feedback.Kind),
            ["Door"] = feedback.By.AgencyId,
            ["Contactpersoon"] = who?.Name,
            ["Rol"] = who?.Role,
            ["Telefoon"] = who?.Phone,
            ["E-mail"] = who?.Email,
            ["Reden"] = feedback.Reason,
            ["Voorgestelde instantie"] = feedback.SuggestedAgencyId ?? mail.Reroute?.SuggestedAgencyId,
            ["Geplande einddatum"] = feedback.PlannedEndDate?.ToString("dd-MM-yyyy"),
            ["Resultaat"] = feedback.Outcome,
            ["Toelichting"] = feedback.Note,
            // After a rejection or withdrawal the school still holds the case (never let go): by when it must
            // re-route the child, keep care itself or close; the suggested agency fills "Voorgestelde instantie".
            ["Doorverwijzen uiterlijk op"] = mail.Reroute is { } reroute ? DutchClock.DateTime(reroute.DueAt) : null,
        });
    }

    public static OutboundDocument Escalation(AgencyMail mail, bool resolved)
    {
        var notice = mail.Escalation ?? throw new ArgumentException($"escalation mail {mail.MailId} carries no notice", nameof(mail));
        return Write(mail, resolved ? "Opschaling opgelost" : "Opschaling", mail.At, new()
        {
            ["Opschalingsniveau"] = notice.Level.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Termijn"] = DutchTerms.DeadlineKind.ToDutch(notice.DeadlineKind),
            ["Verlopen sinds"] = DutchClock.DateTime(notice.OverdueSince),
            ["Verantwoordelijke instantie"] = notice.ResponsibleAgency,
            ["Geadresseerden"] = SchoolCsvWriter.Join(notice.Addressees.Select(Addressee)),
            ["Opgelost op"] = notice.ResolvedAt is { } r ? DutchClock.DateTime(r) : null,
            ["Opgelost door"] = notice.ResolvedBy,
        });
    }

    static string Addressee(EscalationAddressee a)
    {
        var details = string.Join(", ", new[] { a.Name is null ? null : a.Role, a.AgencyId, a.Email }.Where(d => d is not null));
        return $"{a.Name ?? a.Role} ({details})";
    }

    static OutboundDocument Write(AgencyMail mail, string type, DateTimeOffset at, Dictionary<string, string?> values)
    {
        values["Berichttype"] = type;
        values["Berichtnummer"] = mail.MailId.ToString();
        values["Overdrachtnummer"] = mail.HandoverId.ToString();
        values["Datum"] = DutchClock.Date(at);
        values["Tijd"] = DutchClock.Time(at);
        values["Afzender overdracht"] = mail.Sender;
        values["Ontvanger overdracht"] = mail.Receiver;
        return SchoolCsvWriter.Write(Layout.Select(c => (c, values.GetValueOrDefault(c))).ToList());
    }
}
