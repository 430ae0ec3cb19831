using System.Text.Json;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Adapters.Bjz;

/// <summary>Mail the hub addresses to BJZ, one of each kind, with fixed ids so rendering is reproducible.</summary>
static class BjzMails
{
    public static readonly Guid HandoverId = Guid.Parse("7d3f1b52-8c1e-4a9b-b6a2-2f4e9d0c1a77");
    static readonly DateTimeOffset At = new(2026, 11, 23, 9, 20, 0, TimeSpan.FromHours(1));

    public static AgencyMail Handover() => new()
    {
        MailId = Guid.Parse("0c9a4f1e-2b3d-4e5f-8a6b-7c8d9e0f1a2b"),
        To = "bjz-noord-brabant",
        Kind = AgencyMailKinds.Handover,
        HandoverId = HandoverId,
        Sender = "school-de-regenboog",
        Receiver = "bjz-noord-brabant",
        At = At,
        Handover = Element(RepoFiles.Read("docs", "examples", "handover-kevin-school-to-bjz.json")),
    };

    /// <summary>Feedback on a handover BJZ sent to the CJG, so it is addressed to BJZ as the sender.</summary>
    public static AgencyMail Feedback(string feedbackJson) => new()
    {
        MailId = Guid.Parse("1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f"),
        To = "bjz-noord-brabant",
        Kind = AgencyMailKinds.Feedback,
        HandoverId = HandoverId,
        Sender = "bjz-noord-brabant",
        Receiver = "cjg-tilburg",
        At = At.AddDays(3),
        Feedback = Element(feedbackJson),
    };

    public static readonly string CareStarted = """
        { "schemaVersion": "1.0", "messageId": "5b1c2d3e-4f50-4a6b-9c7d-8e9f0a1b2c3d", "handoverId": "7d3f1b52-8c1e-4a9b-b6a2-2f4e9d0c1a77",
          "kind": "care-started", "at": "2026-11-26T11:00:00+01:00",
          "by": { "agencyId": "cjg-tilburg", "professional": { "name": "S. Bos", "role": "gezinscoach", "email": "s.bos@cjg-tilburg.example" } },
          "plannedEndDate": "2027-05-31", "note": "Eerste huisbezoek gepland op 1 december." }
        """;

    /// <summary>One feedback document of every kind (the last one from the sender, as a withdrawal is).</summary>
    public static TheoryData<string> EveryKind() => new()
    {
        """{ "schemaVersion": "1.0", "messageId": "00000000-0000-4000-8000-000000000001", "kind": "receipt", "by": { "agencyId": "cjg-tilburg" } }""",
        """{ "schemaVersion": "1.0", "messageId": "00000000-0000-4000-8000-000000000002", "kind": "rejection", "by": { "agencyId": "cjg-tilburg" }, "reason": "Buiten ons werkgebied.", "suggestedAgencyId": "jgz-tilburg" }""",
        CareStarted,
        """{ "schemaVersion": "1.0", "messageId": "00000000-0000-4000-8000-000000000004", "kind": "progress", "at": "2026-12-01T09:00:00Z", "by": { "agencyId": "cjg-tilburg" }, "note": "Gesprekken lopen goed." }""",
        """{ "schemaVersion": "1.0", "messageId": "00000000-0000-4000-8000-000000000005", "kind": "care-ended", "by": { "agencyId": "cjg-tilburg" }, "outcome": "Doelen behaald." }""",
        """{ "schemaVersion": "1.0", "messageId": "00000000-0000-4000-8000-000000000006", "kind": "withdrawal", "by": { "agencyId": "bjz-noord-brabant" }, "reason": "Gezin verhuisd naar Breda." }""",
        // The hub's additions (issue 13): the waiting list, the aftercare plan, and the sender keeping or closing the case.
        """{ "schemaVersion": "1.0", "messageId": "00000000-0000-4000-8000-000000000007", "kind": "withdrawal", "by": { "agencyId": "bjz-noord-brabant" }, "reason": "Zorgen weggenomen.", "reasonCode": "no-care-needed" }""",
        """{ "schemaVersion": "1.0", "messageId": "00000000-0000-4000-8000-000000000008", "kind": "accepted-waiting", "by": { "agencyId": "cjg-tilburg" }, "reason": "Wachtlijst gezinsbegeleiding.", "expectedStart": "2027-01-11" }""",
        """{ "schemaVersion": "1.0", "messageId": "00000000-0000-4000-8000-000000000009", "kind": "aftercare-plan", "by": { "agencyId": "cjg-tilburg" }, "note": "Nazorgplan besproken met ouders." }""",
        """{ "schemaVersion": "1.0", "messageId": "00000000-0000-4000-8000-00000000000a", "kind": "retained", "by": { "agencyId": "bjz-noord-brabant" } }""",
        """{ "schemaVersion": "1.0", "messageId": "00000000-0000-4000-8000-00000000000b", "kind": "closed", "by": { "agencyId": "bjz-noord-brabant" }, "reasonCode": "moved-away" }""",
    };

    public static AgencyMail Escalation(bool resolved) => new()
    {
        MailId = resolved ? Guid.Parse("3f4a5b6c-7d8e-4f90-a1b2-c3d4e5f60718") : Guid.Parse("2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b"),
        To = "bjz-noord-brabant",
        Kind = resolved ? AgencyMailKinds.EscalationResolved : AgencyMailKinds.EscalationRaised,
        HandoverId = HandoverId,
        Sender = "school-de-regenboog",
        Receiver = "bjz-noord-brabant",
        At = resolved ? new DateTimeOffset(2026, 12, 14, 10, 5, 0, TimeSpan.FromHours(1)) : new DateTimeOffset(2026, 12, 11, 8, 0, 0, TimeSpan.FromHours(1)),
        Escalation = new EscalationNotice
        {
            Level = 2,
            DeadlineKind = "care-started",
            OverdueSince = new DateTimeOffset(2026, 12, 9, 0, 0, 0, TimeSpan.FromHours(1)),
            ResponsibleAgency = "school-de-regenboog",
            Addressees =
            [
                new EscalationAddressee { AgencyId = "bjz-noord-brabant", Role = "manager", Name = "H. de Groot (regiomanager)", Email = "regiomanager@bjz-nb.example" },
                new EscalationAddressee { AgencyId = "gemeente-tilburg", Role = "process-manager", Name = "B. Koster (procesmanager jeugd)" },
                new EscalationAddressee { AgencyId = "school-de-regenboog", Role = "team-lead" },
            ],
            ResolvedAt = resolved ? new DateTimeOffset(2026, 12, 14, 10, 4, 0, TimeSpan.FromHours(1)) : null,
            ResolvedBy = resolved ? "bjz-noord-brabant" : null,
        },
    };

    static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
