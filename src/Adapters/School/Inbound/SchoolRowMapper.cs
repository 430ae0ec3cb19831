using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Adapters.School.Inbound;

/// <summary>
/// One row to one canonical handover. Only what the canonical validator cannot say in the school's
/// words is checked here (required cells, dates, Dutch terms); BSN, agency ids, lengths and consent
/// rules are left to <c>HandoverValidator</c> and mapped back to columns afterwards.
/// </summary>
static class SchoolRowMapper
{
    public sealed record Mapped(HandoverDocument Handover, IReadOnlyList<string> ConcernColumns);

    public static Mapped? Map(SchoolRow row)
    {
        var type = SchoolMessageTypes.Parse(row);
        var number = row.Required(SchoolColumns.MessageNumber);
        var school = row.Required(SchoolColumns.SchoolCode);
        var receiver = row.Required(SchoolColumns.Receiver);
        var subject = SubjectMapper.Subject(row);
        var family = SubjectMapper.Family(row);
        var urgency = row.Term(SchoolColumns.Urgency, DutchTerms.Urgency) ?? Urgency.Regular;
        var sender = Sender(row, school);
        var involved = Involved(row, school);
        var previous = Previous(row);

        var content = type switch
        {
            SchoolMessageType.ZatReferral => ZatReferral.Read(row),
            SchoolMessageType.TruancyReport => TruancyReport.Read(row),
            _ => null,
        };
        if (row.Problems.Count > 0 || content is null || number is null || school is null || receiver is null || subject is null)
            return null;

        var handover = new HandoverDocument
        {
            MessageId = DeterministicId.From("school", $"{school}/{number}"),
            Sender = sender,
            Receiver = new Receiver { AgencyId = receiver },
            Urgency = urgency,
            Purpose = "care",
            LegalBasis = content.LegalBasis,
            Subject = subject,
            Family = family,
            Concerns = content.Concerns.Select(c => c.Concern).ToList(),
            RequestedAction = content.RequestedAction,
            InvolvedProfessionals = involved,
            Summary = row.Get(SchoolColumns.Remarks),
            PredecessorHandoverId = previous,
        };
        return new Mapped(handover, content.Concerns.Select(c => c.Column).ToList());
    }

    static Guid? Previous(SchoolRow row)
    {
        if (row.Get(SchoolColumns.PreviousHandover) is not { } text)
            return null;
        if (Guid.TryParse(text, out var id))
            return id;
        row.Problem(SchoolColumns.PreviousHandover, "is not a handover number (the Overdrachtnummer the hub gave, a UUID)");
        return null;
    }

    static Party Sender(SchoolRow row, string? school)
    {
        var name = row.Required(SchoolColumns.Contact, "so the receiver knows whom to call");
        return new Party
        {
            AgencyId = school ?? "",
            Professional = name is null ? null : new Professional
            {
                Name = name,
                Role = row.Get(SchoolColumns.ContactRole),
                Phone = row.Get(SchoolColumns.ContactPhone),
                Email = row.Get(SchoolColumns.ContactEmail),
            },
        };
    }

    static IReadOnlyList<Party>? Involved(SchoolRow row, string? school)
    {
        var name = row.Get(SchoolColumns.Involved);
        if (name is null)
        {
            if (row.Has(SchoolColumns.InvolvedRole))
                row.Required(SchoolColumns.Involved, $"when '{SchoolColumns.InvolvedRole}' is filled");
            return null;
        }
        // The school only knows its own staff here (school social worker, intern begeleider).
        return [new Party { AgencyId = school ?? "", Professional = new Professional { Name = name, Role = row.Get(SchoolColumns.InvolvedRole) } }];
    }
}

/// <summary>What differs per message type: legal basis, concerns (with the column each came from) and the requested action.</summary>
sealed record RowContent(LegalBasis LegalBasis, IReadOnlyList<(Concern Concern, string Column)> Concerns, string RequestedAction);
