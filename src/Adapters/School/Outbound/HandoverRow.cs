using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.School.SchoolColumns;

namespace IntegrationHub.Adapters.School.Outbound;

/// <summary>
/// A handover addressed to a school (e.g. a case meeting hands a pupil to the ZAT) in the same Dutch
/// columns the school exports, plus who sent it. Nothing is dropped: where the export has one column
/// and the handover several values (two parents, two concerns in one domain), they share the cell, split by " | ".
/// </summary>
static class HandoverRow
{
    public static OutboundDocument Render(AgencyMail mail)
    {
        var h = mail.HandoverDocument();
        var at = h.SentAt ?? mail.At;
        var guardians = h.Family?.Guardians ?? [];
        var siblings = h.Family?.Siblings ?? [];
        var involved = h.InvolvedProfessionals ?? [];
        var join = SchoolCsvWriter.JoinAligned;

        List<(string, string?)> cells =
        [
            (MessageType, "Overdracht"),
            (MessageNumber, mail.MailId.ToString()),
            ("Overdrachtnummer", mail.HandoverId.ToString()),
            ("Datum", DutchClock.Date(at)),
            ("Tijd", DutchClock.Time(at)),
            ("Afzender", h.Sender.AgencyId),
            (Contact, h.Sender.Professional?.Name),
            (ContactRole, h.Sender.Professional?.Role),
            (ContactPhone, h.Sender.Professional?.Phone),
            (ContactEmail, h.Sender.Professional?.Email),
            (SchoolColumns.Receiver, h.Receiver.AgencyId),
            (SchoolColumns.Urgency, DutchTerms.Urgency.ToDutch(h.Urgency)),
            ("Doel", DutchTerms.Purpose.ToDutch(h.Purpose)),
            (SchoolColumns.LegalBasis, DutchTerms.LegalBasis.ToDutch(h.LegalBasis.Kind)),
            (ConsentBy, h.LegalBasis.ConsentGivenBy is { } by ? string.Join(" en ", by.Select(DutchTerms.ConsentParty.ToDutch)) : null),
            (ConsentDate, h.LegalBasis.ConsentDate?.ToString("dd-MM-yyyy")),
            (LegalReference, h.LegalBasis.Reference),
            (Bsn, h.Subject.Bsn),
            (GivenName, h.Subject.GivenName),
            (FamilyName, h.Subject.FamilyName),
            (BirthDate, h.Subject.BirthDate.ToString("dd-MM-yyyy")),
            (Street, h.Subject.Address?.Street),
            (HouseNumber, h.Subject.Address?.HouseNumber),
            (PostalCode, h.Subject.Address?.PostalCode),
            (City, h.Subject.Address?.City),
            (SchoolColumns.Guardian, join(guardians.Select(g => g.Name))),
            (Relationship, join(guardians.Select(g => DutchTerms.Relationship.ToDutch(g.Relationship)))),
            (Authority, join(guardians.Select(g => g.HasAuthority is { } a ? DutchTerms.YesNo(a) : "onbekend"))),
            (GuardianPhone, join(guardians.Select(g => g.Phone))),
            (GuardianEmail, join(guardians.Select(g => g.Email))),
            (SiblingBsn, join(siblings.Select(s => s.Bsn))),
            (SiblingGivenName, join(siblings.Select(s => s.GivenName))),
            (SiblingFamilyName, join(siblings.Select(s => s.FamilyName))),
            (SiblingBirthDate, join(siblings.Select(s => s.BirthDate.ToString("dd-MM-yyyy")))),
            .. Concerns.Select(c => (c.Column, SchoolCsvWriter.Join(h.Concerns.Where(x => x.Domain == c.Domain).Select(x => x.Description)))),
            (RequestedAction, DutchTerms.RequestedAction.ToDutch(h.RequestedAction)),
            (Involved, join(involved.Select(p => $"{p.Professional?.Name ?? "onbekend"} ({p.AgencyId})"))),
            (InvolvedRole, join(involved.Select(p => p.Professional?.Role))),
            ("Bijlagen", SchoolCsvWriter.Join((h.Attachments ?? []).Select(a => $"{a.Title} <{a.Uri}>"))),
            (Remarks, h.Summary),
        ];
        return SchoolCsvWriter.Write(cells);
    }
}
