using System.Reflection;
using System.Text.Json;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Clock;
using IntegrationHub.Hub.Email;
using IntegrationHub.Hub.Outbox;
using MimeKit;

namespace IntegrationHub.Tests.NeverLetGo;

/// <summary>
/// The chain's mail told by e-mail (issue 13 §5), without a server: a match and a family's notice plan one e-mail per
/// directory contact through the same planner as the handover saga, and the composed message names the family (never a
/// handover of zeros), links to the chain page, and carries no personal data: not the child, not the other professional.
/// </summary>
public class ChainEmailKindTests
{
    const string Dashboard = "https://hub.tilburg.example";
    static readonly DateTimeOffset At = new(2027, 2, 1, 9, 30, 0, TimeSpan.Zero);
    static readonly Guid Family = Guid.Parse("f00dbabe-0000-4000-8000-000000000001");
    static readonly Guid MatchId = Guid.Parse("9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d");

    static readonly EmailOptions Options = new()
    {
        Host = "127.0.0.1", Tls = "none", From = "IntegrationHub ketenbureau <hub@tilburg.example>", DashboardBaseUrl = Dashboard,
        ChainOffice = ["ketenbureau@tilburg.example"],
    };

    static readonly AgencyDirectory Directory = AgencyDirectory.LoadDemo();
    static readonly PeopleMailPlanner Planner = new(Options, Directory, [new EscalationMailKind(), new NoticeMailKind(), new MatchMailKind()]);
    static readonly EmailComposer Composer = new(Options, new EmailWords(Directory), Planner, new SimulatedClock(At));

    static AgencyMail Match(string to) => new()
    {
        MailId = Guid.Parse("c0ffee00-1111-4222-8333-444455556666"), To = to, Kind = AgencyMailKinds.Match, HandoverId = Guid.Empty,
        Sender = AgencyDirectory.HubId, Receiver = to, At = At,
        Match = new MatchNotice
        {
            MatchId = MatchId, Kind = MatchKinds.Child, FamilyId = Family,
            SignalId = Guid.Parse("5e5e5e5e-1234-4321-8765-0123456789ab"), SignalMessageId = Guid.Parse("7a7a7a7a-1234-4321-8765-0123456789ab"),
            ConfirmContactBy = new DateTimeOffset(2027, 2, 15, 9, 30, 0, TimeSpan.Zero),
            Others =
            [
                new MatchParty { AgencyId = "veiligheidshuis-tilburg", Name = "E. Visser", Role = "procesregisseur HCO", Phone = "013-5550300",
                    Email = "e.visser@vhh-tilburg.example", SignalledAt = new DateTimeOffset(2027, 1, 18, 14, 0, 0, TimeSpan.Zero) },
            ],
        },
    };

    static AgencyMail Notice(string to, string kind, string title, Dictionary<string, string> facts, Guid? handover = null) => new()
    {
        MailId = DeterministicId.From("test-notice", $"{kind}/{to}"), To = to, Kind = AgencyMailKinds.Notice, HandoverId = handover ?? Guid.Empty,
        Sender = AgencyDirectory.HubId, Receiver = to, At = At,
        Notice = new HubNotice { Kind = kind, Title = title, Facts = facts },
    };

    static AgencyMail CoordinatorAssigned(string to) => Notice(to, ChainNoticeKinds.CoordinatorAssigned,
        "U bent aangewezen als coördinator van dit gezin (één gezin, één plan): aanvaard of wijs af", new()
        {
            ["familyId"] = Family.ToString(), ["rule"] = "bjz-involved", ["acceptBy"] = "2027-02-03T10:30:00+01:00",
            ["involved"] = "school-de-regenboog, bjz-noord-brabant", ["answer"] = $"POST /api/families/{Family}/coordination",
        });

    /// <summary>What the SMTP server would get: each planned row as the postman reads it back, composed.</summary>
    static IReadOnlyList<MimeMessage> Sent(AgencyMail mail) =>
        Planner.Plan(mail).Select(row => Composer.Compose(JsonSerializer.Deserialize<PeopleMail>(row.Body, BusJson.Options)!)).ToList();

    static string Raw(MimeMessage m) => m.Subject + "\n" + string.Join("\n", m.Headers) + "\n" + m.TextBody;

    [Fact]
    public void A_match_plans_one_email_per_level_one_contact_of_the_agency_it_is_addressed_to_beside_the_agency_mail_with_stable_ids()
    {
        var mail = Match("jgz-tilburg");

        var rows = PeopleMailPlanner.Rows(mail, Planner);

        rows.Select(r => r.Destination).Should().Equal(OutgoingMessage.AgencyDestination("jgz-tilburg"), PeopleMail.Destination("team@jgz-tilburg.example"));
        rows[0].Body.Should().Contain("E. Visser", "the agency's own mail carries whom to call");
        rows[1].MessageType.Should().Be(PeopleMail.MessageType);
        rows[1].Body.Should().NotContain("E. Visser").And.NotContain("013-5550300").And.NotContain("e.visser@", "the outbox keeps no more for the e-mail than it says");
        Planner.Plan(mail).Single().MessageId.Should().Be(rows[1].MessageId, "planned again, the same e-mail: the outbox keeps it once");
    }

    [Fact]
    public void A_match_email_names_ids_agencies_and_dates_dutch_first_links_the_family_and_names_no_professional_or_child()
    {
        var message = Sent(Match("jgz-tilburg")).Should().ContainSingle().Subject;
        var text = message.TextBody!;

        message.To.Mailboxes.Single().Address.Should().Be("team@jgz-tilburg.example");
        message.Subject.Should().Contain("Match in de verwijsindex").And.Contain("match 9a0b1c2d").And.Contain("match in the referral index");
        text.IndexOf("Match in de verwijsindex", StringComparison.Ordinal).Should().BeLessThan(text.IndexOf("-- English --", StringComparison.Ordinal));
        text.Should().Contain($"Match:                    {MatchId}").And.Contain($"Gezin:                    {Family}")
            .And.Contain("Ook gesignaleerd door:    Veiligheidshuis").And.Contain("sinds ma 18-01-2027 15:00")
            .And.Contain("Contact bevestigen vóór:  ma 15-02-2027 10:30").And.Contain("Confirm contact by:       Mon 15 Feb 2027 10:30 (Amsterdam)")
            .And.Contain("in het systeem van uw instantie").And.Contain($"{Dashboard}/dashboard/chain.html?family={Family}");
        message.Headers["X-Hub-Family-Id"].Should().Be(Family.ToString());
        message.Headers["X-Hub-Kind"].Should().Be("match");
        message.Headers.Contains("X-Hub-Handover-Id").Should().BeFalse();
        Raw(message).Should().NotContain("E. Visser").And.NotContain("013-5550300").And.NotContain("e.visser@").And.NotContain("procesregisseur")
            .And.NotContain(Guid.Empty.ToString());
    }

    [Fact]
    public void The_match_kind_names_no_professional_even_when_given_the_whole_match()
    {
        var text = new MatchMailKind().Compose(Match("jgz-tilburg"), new Recipient("team@jgz-tilburg.example", null, "jgz-tilburg", "team-lead"), new EmailWords(Directory));

        (text.Subject + text.Dutch + text.English).Should().NotContain("E. Visser").And.NotContain("013-5550300").And.NotContain("e.visser@");
    }

    [Fact]
    public void A_family_notice_names_the_family_not_a_handover_of_zeros_and_links_the_chain_page()
    {
        var message = Sent(CoordinatorAssigned("bjz-noord-brabant")).Should().ContainSingle().Subject;
        var text = message.TextBody!;

        message.To.Mailboxes.Single().Address.Should().Be("toegang@bjz-nb.example");
        message.Subject.Should().Contain($"gezin {Family.ToString()[..8]}").And.Contain("You are assigned to coordinate this family")
            .And.NotContain("overdracht").And.NotContain("00000000");
        text.Should().NotContain("Overdracht:").And.NotContain("Handover:").And.NotContain(Guid.Empty.ToString()).And.NotContain("/dashboard/handovers/");
        text.Should().Contain($"Gezin:                  {Family}").And.Contain($"Family:                 {Family}")
            .And.Contain("Aanvaarden vóór:        wo 03-02-2027 10:30").And.Contain("Accept by:              Wed 3 Feb 2027 10:30 (Amsterdam)")
            .And.Contain("Regel:                  bjz-involved").And.Contain("Agencies involved:");
        text.Should().Contain($"Bekijk het gezin in het ketenoverzicht: {Dashboard}/dashboard/chain.html?family={Family}");
        message.Headers.Contains("X-Hub-Handover-Id").Should().BeFalse();
        message.Headers["X-Hub-Family-Id"].Should().Be(Family.ToString());
    }

    [Fact]
    public void A_notice_about_neither_a_handover_nor_a_family_links_the_dashboard()
    {
        var mail = Notice("gemeente-tilburg", ChainNoticeKinds.NoCoordinator, "Geen coördinator", new() { ["region"] = "tilburg" });

        var message = Sent(mail).Should().ContainSingle().Subject;

        message.TextBody.Should().Contain($"Bekijk het dashboard: {Dashboard}/dashboard/").And.NotContain("Overdracht:").And.NotContain("Gezin:");
        message.Headers.Contains("X-Hub-Handover-Id").Should().BeFalse();
        message.Headers.Contains("X-Hub-Family-Id").Should().BeFalse();
    }

    [Fact]
    public void A_handover_notice_still_names_and_links_its_handover()
    {
        var handover = Guid.Parse("5b0f6c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b");
        var mail = Notice("bjz-noord-brabant", ChainNoticeKinds.PossibleDuplicateHandover, "Mogelijk dubbele overdracht", new()
        {
            ["handoverId"] = handover.ToString(), ["otherHandoverId"] = Guid.NewGuid().ToString(), ["otherSender"] = "jgz-tilburg",
            ["otherSenderContact"] = "P. de Vries (jeugdarts), 013-5550100", ["receiver"] = "bjz-noord-brabant",
        }, handover);

        var message = Sent(mail).Should().ContainSingle().Subject;

        message.TextBody.Should().Contain($"Overdracht:             {handover}").And.Contain($"{Dashboard}/dashboard/handovers/{handover}")
            .And.Contain("Andere afzender:        JGZ");
        message.Headers["X-Hub-Handover-Id"].Should().Be(handover.ToString());
        Raw(message).Should().NotContain("P. de Vries").And.NotContain("013-5550100");
    }

    [Fact]
    public void Professionals_contacts_and_free_text_stay_in_the_agencys_own_mail_and_the_email_says_so()
    {
        var facts = new Dictionary<string, string>
        {
            ["familyId"] = Family.ToString(), ["coordinator"] = "bjz-noord-brabant", ["contact"] = "A. de Jong (gezinscoach), 06-12345678, a.dejong@bjz.example",
            ["contactPerson"] = "A. de Jong (bjz-noord-brabant)", ["goals"] = "Kevin gaat weer naar school", ["title"] = "Logopedie voor Kevin",
            ["addressees"] = "manager at bjz-noord-brabant (R. Smit, r.smit@bjz.example)", ["reason"] = "Moeder wil niet meewerken", ["rule"] = "r1",
        };
        foreach (var kind in new[] { ChainNoticeKinds.CoordinatorAccepted, ChainNoticeKinds.PlanRegistered, ChainNoticeKinds.CoordinatorNotAccepted })
        {
            var mail = Notice("school-de-regenboog", kind, "titel", facts);
            Planner.Plan(mail).Single().Body.Should().NotContain("de Jong").And.NotContain("Kevin").And.NotContain("Moeder");

            var message = Sent(mail).Single();
            Raw(message).Should().NotContain("de Jong").And.NotContain("06-12345678").And.NotContain("Kevin").And.NotContain("R. Smit")
                .And.NotContain("Moeder").And.NotContain("gezinscoach");
            message.TextBody.Should().Contain("Coördinator:            Bureau Jeugdzorg").And.Contain("Contactpersonen en toelichting staan in het bericht")
                .And.Contain("Contact persons and notes are in the message");
        }
    }

    [Fact]
    public void A_stagnation_shows_its_reason_code_in_words()
    {
        var mail = Notice("bjz-noord-brabant", ChainNoticeKinds.Stagnation, "Stagnatie gemeld", new()
        {
            ["familyId"] = Family.ToString(), ["reason"] = EscalationReasons.NoResult, ["reportedBy"] = "school-de-regenboog",
        });

        Sent(mail).Single().TextBody.Should().Contain("Reden:                  geen resultaat").And.Contain("Reason:                 no result")
            .And.Contain("Gemeld door:            SBO De Regenboog");
    }

    [Fact]
    public void A_chain_escalation_goes_to_the_contacts_of_its_level_with_an_english_title_naming_the_deadline()
    {
        var mail = Notice("bjz-noord-brabant", ChainNoticeKinds.ChainEscalation, "Opschaling niveau 2: het gezinsplan is niet op tijd vastgelegd", new()
        {
            ["familyId"] = Family.ToString(), ["deadline"] = "plan", ["reference"] = Family.ToString(), ["owner"] = "bjz-noord-brabant", ["level"] = "2",
            ["dueAt"] = "2027-01-29T10:00:00+01:00", ["title"] = "Plan voor Kevin",
        });

        var message = Sent(mail).Should().ContainSingle().Subject;

        message.To.Mailboxes.Single().Address.Should().Be("regiomanager@bjz-nb.example");
        message.TextBody.Should().Contain("Escalation level 2: registering the family plan overdue").And.Contain("Termijn voor:           gezinsplan vastleggen")
            .And.Contain("Termijn verstreken op:  vr 29-01-2027 10:00").And.NotContain("Kevin");
    }

    [Fact]
    public void Every_notice_kind_the_hub_and_the_chain_send_has_an_english_title()
    {
        var kinds = new[] { typeof(NoticeKinds), typeof(ChainNoticeKinds) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)).Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!).ToList();

        kinds.Should().HaveCountGreaterThan(15);
        foreach (var kind in kinds)
            NoticeMailKind.EnglishTitle(new HubNotice { Kind = kind, Title = "t" }).Should().NotBeNullOrWhiteSpace($"notice kind {kind} needs an English title");
    }
}
