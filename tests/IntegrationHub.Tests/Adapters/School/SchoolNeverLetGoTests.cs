using System.Text;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Tests.Adapters.NeverLetGo;
using static IntegrationHub.Tests.Adapters.School.SchoolFixtures;

namespace IntegrationHub.Tests.Adapters.School;

/// <summary>
/// What issue 13 added to the school's feedback import: escalations on request with their acknowledgement date and
/// re-notice, the hub's notices and a retour row, in the one layout (new columns appended). UPDATE_GOLDEN=1 rewrites
/// the golden files; review the diff.
/// </summary>
public class SchoolNeverLetGoTests
{
    const string School = "school-de-regenboog";

    static string Cell(byte[] body, string column)
    {
        var rows = Encoding.UTF8.GetString(body).TrimStart('\uFEFF').TrimEnd('\r', '\n').Split("\r\n");
        rows.Should().HaveCount(2, "one header and one row");
        var index = Array.IndexOf(rows[0].Split(';'), column);
        index.Should().BeGreaterThanOrEqualTo(0, $"the layout has a column {column}");
        return rows[1].Split(';')[index];
    }

    [Fact]
    public void An_escalation_on_request_sent_again_names_reason_acknowledgement_date_and_id()
    {
        var body = Adapter.Render(NeverLetGoMails.EscalationRenotice(School)).Body;

        MatchesBytes("out-escalation-request-renotice.csv", body);
        Cell(body, "Termijn").Should().Be("Op verzoek");
        Cell(body, "Reden opschaling").Should().Be("Geen capaciteit");
        Cell(body, "Bevestigen uiterlijk op").Should().Be("29-01-2027 14:00");
        Cell(body, "Herinnering").Should().Be("ja");
        Cell(body, "Opschalingsnummer").Should().Be("2a7f6e8d-9cab-4a1f-84d3-2c1b0a9f8e76");
    }

    [Fact]
    public void A_decision_notice_gives_its_kind_title_and_facts()
    {
        var body = Adapter.Render(NeverLetGoMails.Decision(School)).Body;

        MatchesBytes("out-notice-decision.csv", body);
        Cell(body, "Berichttype").Should().Be("Melding");
        Cell(body, "Status").Should().Be("Besluit");
        Cell(body, "Gegevens").Should().Contain("complyBy: 2027-02-15");
    }

    [Fact]
    public void An_accepted_retour_is_one_row_naming_the_school_s_own_message_number_and_the_handover()
    {
        var body = Adapter.Render(NeverLetGoMails.RetourAccepted(School, "ZAT-2027-0007")).Body;

        MatchesBytes("out-retour-accepted.csv", body);
        Cell(body, "Berichttype").Should().Be("Retour");
        Cell(body, "Retour op bericht").Should().Be("ZAT-2027-0007");
        Cell(body, "Retourstatus").Should().Be("Aangenomen");
        Cell(body, "Overdrachtnummer").Should().Be(NeverLetGoMails.HandoverId.ToString());
        Cell(body, "Retourcodes").Should().StartWith("0200 ");
    }

    [Fact]
    public void A_refused_retour_names_the_columns_and_quotes_no_value()
    {
        var body = Adapter.Render(NeverLetGoMails.RetourRefused(School, "ZAT-2027-0008", "/rows/1/BSN", "/rows/1/Geboortedatum")).Body;

        MatchesBytes("out-retour-refused.csv", body);
        Cell(body, "Retourstatus").Should().Be("Afgekeurd");
        Cell(body, "Retourcodes").Should().Contain("8001").And.Contain("(/rows/1/BSN)").And.Contain("(/rows/1/Geboortedatum)");
        Cell(body, "Overdrachtnummer").Should().BeEmpty("a refused message made no handover");
    }

    [Theory]
    [InlineData("accepted-waiting", "Wachtlijst")]
    [InlineData("aftercare-plan", "Nazorgplan gemaakt")]
    [InlineData("retained", "Zorg behouden")]
    [InlineData("closed", "Afgesloten")]
    public void The_hub_s_feedback_kinds_have_their_Dutch_status(string kind, string status)
    {
        var mail = NeverLetGoMails.AcceptedWaiting(School);
        var json = System.Text.Json.Nodes.JsonNode.Parse(mail.Feedback!.Value.GetRawText())!;
        json["kind"] = kind;
        var body = Adapter.Render(mail with { Feedback = System.Text.Json.JsonDocument.Parse(json.ToJsonString()).RootElement.Clone() }).Body;

        Cell(body, "Status").Should().Be(status);
    }
}
