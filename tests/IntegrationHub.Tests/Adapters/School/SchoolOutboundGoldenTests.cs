using System.Text;
using System.Text.Json;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Tests.Adapters.School.SchoolFixtures;

namespace IntegrationHub.Tests.Adapters.School;

public class SchoolOutboundGoldenTests
{
    static readonly Guid HandoverId = Guid.Parse("5b0f6c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b");
    static readonly DateTimeOffset At = new(2027, 1, 25, 8, 45, 0, TimeSpan.Zero);

    static AgencyMail Mail(string kind, string to = "school-de-regenboog") => new()
    {
        MailId = Guid.Parse("a1b2c3d4-e5f6-4a1b-8c2d-3e4f5a6b7c8d"),
        To = to,
        Kind = kind,
        HandoverId = HandoverId,
        Sender = "school-de-regenboog",
        Receiver = "bjz-noord-brabant",
        At = At,
    };

    static AgencyMail Feedback(string json) => Mail(AgencyMailKinds.Feedback) with { Feedback = JsonDocument.Parse(json).RootElement.Clone() };

    static string[] Rows(byte[] body) => Encoding.UTF8.GetString(body).TrimStart('\uFEFF').TrimEnd('\r', '\n').Split("\r\n");

    static string Cell(byte[] body, string column)
    {
        var rows = Rows(body);
        var index = Array.IndexOf(rows[0].Split(';'), column);
        return rows[1].Split(';')[index];
    }

    [Fact]
    public void A_rejection_tells_the_care_coordinator_why_and_where_to_go_instead()
    {
        var document = Adapter.Render(Feedback("""
            { "schemaVersion": "1.0", "messageId": "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", "kind": "rejection",
              "at": "2027-01-25T09:45:00+01:00",
              "by": { "agencyId": "bjz-noord-brabant", "professional": { "name": "A. Jansen", "role": "toegangsmedewerker", "phone": "013-5550400" } },
              "reason": "Geen indicatie nodig; lichte ambulante hulp via het CJG.", "suggestedAgencyId": "cjg-tilburg" }
            """) with { Reroute = new RerouteNotice { DueAt = new(2027, 2, 1, 8, 45, 0, TimeSpan.Zero), SuggestedAgencyId = "cjg-tilburg" } });

        document.ContentType.Should().Be("text/csv; charset=utf-8");
        document.Body.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        MatchesBytes("out-feedback-rejection.csv", document.Body);
        Rows(document.Body)[1].Should().Contain(";01-02-2027 09:45;", "the school still holds the case and must re-route by then");
    }

    [Fact]
    public void Care_started_carries_the_planned_end_date()
    {
        var document = Adapter.Render(Feedback("""
            { "schemaVersion": "1.0", "messageId": "0b4e8c1d-5f2a-4d3b-8e6f-1a2b3c4d5e6f", "kind": "care-started",
              "by": { "agencyId": "bjz-noord-brabant" }, "plannedEndDate": "2027-12-31", "note": "Gezinsvoogd toegewezen." }
            """));

        MatchesBytes("out-feedback-care-started.csv", document.Body);
    }

    [Theory]
    [InlineData("receipt", "Ontvangen")]
    [InlineData("rejection", "Afgewezen")]
    [InlineData("care-started", "Zorg gestart")]
    [InlineData("progress", "Voortgang")]
    [InlineData("care-ended", "Zorg beëindigd")]
    [InlineData("withdrawal", "Ingetrokken")]
    public void Every_feedback_kind_has_its_Dutch_status(string kind, string status)
    {
        var document = Adapter.Render(Feedback($$"""
            { "schemaVersion": "1.0", "messageId": "0b4e8c1d-5f2a-4d3b-8e6f-1a2b3c4d5e6f", "kind": "{{kind}}",
              "by": { "agencyId": "bjz-noord-brabant" }, "reason": "r", "outcome": "o" }
            """));

        Cell(document.Body, "Berichttype").Should().Be("Terugkoppeling");
        Cell(document.Body, "Status").Should().Be(status);
        // No feedback time given: the mail's time, in Dutch winter time.
        Cell(document.Body, "Datum").Should().Be("25-01-2027");
        Cell(document.Body, "Tijd").Should().Be("09:45");
    }

    [Fact]
    public void An_escalation_names_level_deadline_and_who_was_addressed()
    {
        var mail = Mail(AgencyMailKinds.EscalationRaised) with
        {
            Escalation = new EscalationNotice
            {
                Level = 2,
                DeadlineKind = "care-started",
                OverdueSince = new DateTimeOffset(2027, 6, 10, 15, 0, 0, TimeSpan.Zero),
                ResponsibleAgency = "bjz-noord-brabant",
                Addressees =
                [
                    new() { AgencyId = "bjz-noord-brabant", Role = "manager", Name = "H. de Groot (regiomanager)", Email = "regiomanager@bjz-nb.example" },
                    new() { AgencyId = "gemeente-tilburg", Role = "process-manager" },
                ],
            },
        };

        var document = Adapter.Render(mail);

        MatchesBytes("out-escalation-raised.csv", document.Body);
        Cell(document.Body, "Verlopen sinds").Should().Be("10-06-2027 17:00", "summer time is UTC+2");
    }

    [Fact]
    public void A_resolved_escalation_says_when_and_by_whom()
    {
        var mail = Mail(AgencyMailKinds.EscalationResolved) with
        {
            Escalation = new EscalationNotice
            {
                Level = 1,
                DeadlineKind = "receipt",
                OverdueSince = new DateTimeOffset(2027, 1, 20, 8, 0, 0, TimeSpan.Zero),
                ResponsibleAgency = "bjz-noord-brabant",
                Addressees = [new() { AgencyId = "bjz-noord-brabant", Role = "team-lead", Name = "A. Jansen (teamleider toegang)" }],
                ResolvedAt = new DateTimeOffset(2027, 1, 25, 8, 45, 0, TimeSpan.Zero),
                ResolvedBy = "bjz-noord-brabant",
            },
        };

        MatchesBytes("out-escalation-resolved.csv", Adapter.Render(mail).Body);
    }

    [Fact]
    public void A_handover_to_a_school_uses_the_export_columns_and_keeps_every_value()
    {
        var handover = JsonDocument.Parse(File.ReadAllText(GoldenPath("henk-handover-vhh-to-school.json"))).RootElement.Clone();
        var mail = Mail(AgencyMailKinds.Handover, "school-vmbo-noord") with
        {
            Sender = "veiligheidshuis-tilburg", Receiver = "school-vmbo-noord", Handover = handover,
        };

        var document = Adapter.Render(mail);

        MatchesBytes("out-handover-vhh-to-school.csv", document.Body);
        var text = Encoding.UTF8.GetString(document.Body);
        text.Should().Contain("S. Pietersdam | R. Pietersdam").And.Contain("moeder | vader").And.Contain("ja | nee");
        text.Should().Contain("Eerder in beeld bij politie", "a justice concern the sender chose to share is not dropped");
    }

    [Fact]
    public void A_cell_that_Excel_would_run_as_a_formula_is_escaped()
    {
        var document = Adapter.Render(Feedback("""
            { "schemaVersion": "1.0", "messageId": "0b4e8c1d-5f2a-4d3b-8e6f-1a2b3c4d5e6f", "kind": "progress",
              "by": { "agencyId": "bjz-noord-brabant" }, "note": "=HYPERLINK(\"http://evil.example\")" }
            """));

        Encoding.UTF8.GetString(document.Body).Should().Contain("\"'=HYPERLINK(\"\"http://evil.example\"\")\"");
    }

    [Fact]
    public void Unknown_mail_kinds_are_a_programming_error()
    {
        var act = () => Adapter.Render(Mail("telepathy"));
        act.Should().Throw<NotSupportedException>();
    }
}
