using IntegrationHub.Contracts.Feedback;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Adapters.School.Outbound;

/// <summary>
/// The care coordinator's feedback import (terugkoppeling): one fixed layout for feedback, escalation notices, the
/// hub's notices and its retours (the answer to every message the school sent), so the school's import needs one
/// mapping. Columns that do not apply stay empty; new columns are appended, never inserted.
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
        "Verwachte start", "Redencode",
        "Opschalingsnummer", "Reden opschaling", "Opgeschaald door", "Bevestigen uiterlijk op", "Herinnering",
        "Melding", "Gegevens",
        "Retour op bericht", "Retour berichtnummer hub", "Retourstatus", "Retourcodes",
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
            ["Verwachte start"] = feedback.ExpectedStart?.ToString("dd-MM-yyyy"),
            ["Redencode"] = feedback.ReasonCode is { } code ? DutchTerms.ReasonCode.ToDutch(code) : null,
        });
    }

    /// <summary>A notice of the hub's own: its kind and title, its facts as "naam: waarde" (ids, dates, agencies; never personal data).</summary>
    public static OutboundDocument Notice(AgencyMail mail)
    {
        var notice = mail.Notice ?? throw new ArgumentException($"notice mail {mail.MailId} carries no notice", nameof(mail));
        return Write(mail, "Melding", mail.At, new()
        {
            ["Status"] = DutchTerms.NoticeKind.ToDutch(notice.Kind),
            ["Melding"] = notice.Title,
            ["Gegevens"] = SchoolCsvWriter.Join(notice.Facts.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}: {f.Value}")),
        }, handoverKnown: mail.HandoverId != Guid.Empty);
    }

    /// <summary>
    /// The hub's answer to a message the school sent (retour), one row: the school's own message number, the hub's,
    /// accepted or refused, and the codes with the column each is about. No value from the message itself.
    /// </summary>
    public static OutboundDocument Retour(AgencyMail mail)
    {
        var retour = mail.Retour ?? throw new ArgumentException($"retour mail {mail.MailId} carries no retour", nameof(mail));
        return Write(mail, "Retour", mail.At, new()
        {
            ["Status"] = DutchTerms.RetourStatus.ToDutch(retour.Status),
            ["Retour op bericht"] = retour.SourceMessageId,
            ["Retour berichtnummer hub"] = retour.MessageId.ToString(),
            ["Retourstatus"] = DutchTerms.RetourStatus.ToDutch(retour.Status),
            ["Retourcodes"] = SchoolCsvWriter.Join(retour.Codes.Select(c => c.Path is null ? $"{c.Code} {c.Text}" : $"{c.Code} {c.Text} ({c.Path})")),
            ["Toelichting"] = $"codelijst {retour.CodeList}",
        }, handoverKnown: retour.HandoverId is not null);
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
            ["Opschalingsnummer"] = notice.EscalationId == Guid.Empty ? null : notice.EscalationId.ToString(),
            ["Reden opschaling"] = notice.Reason is { } reason ? DutchTerms.EscalationReason.ToDutch(reason) : null,
            ["Opgeschaald door"] = notice.RequestedBy,
            ["Bevestigen uiterlijk op"] = notice.AcknowledgeBy is { } by ? DutchClock.DateTime(by) : null,
            ["Herinnering"] = notice.Renotice ? "ja" : null,
        });
    }

    static string Addressee(EscalationAddressee a)
    {
        var details = string.Join(", ", new[] { a.Name is null ? null : a.Role, a.AgencyId, a.Email }.Where(d => d is not null));
        return $"{a.Name ?? a.Role} ({details})";
    }

    static OutboundDocument Write(AgencyMail mail, string type, DateTimeOffset at, Dictionary<string, string?> values, bool handoverKnown = true)
    {
        values["Berichttype"] = type;
        values["Berichtnummer"] = mail.MailId.ToString();
        values["Overdrachtnummer"] = handoverKnown ? mail.HandoverId.ToString() : null;
        values["Datum"] = DutchClock.Date(at);
        values["Tijd"] = DutchClock.Time(at);
        values["Afzender overdracht"] = handoverKnown ? mail.Sender : null;
        values["Ontvanger overdracht"] = handoverKnown ? mail.Receiver : null;
        return SchoolCsvWriter.Write(Layout.Select(c => (c, values.GetValueOrDefault(c))).ToList());
    }
}
