using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Chain;
using IntegrationHub.Tests.Support;
using MimeKit;

namespace IntegrationHub.Tests.NeverLetGo;

/// <summary>
/// People are notified by e-mail (issue 13 §5), read from the mailbox of a real SMTP server on loopback (aiosmtpd):
/// the contacts the directory names per level, Dutch first and English below, a link to the handover's page and no
/// personal data; through the outbox, so a server that is down means the mail waits and goes once it is back, once.
/// </summary>
public class EmailTests : IAsyncLifetime
{
    const string Dashboard = "https://hub.tilburg.example";
    SmtpSink _smtp = null!;
    TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpSink.StartAsync();
        _hub = await StartHubAsync(_smtp.Port);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    static Task<TestHub> StartHubAsync(int smtpPort)
    {
        var settings = TestHub.Simulated(AgencySamples.Now);
        settings["Hub:Email:Host"] = "127.0.0.1";
        settings["Hub:Email:Port"] = smtpPort.ToString();
        settings["Hub:Email:Tls"] = "none";
        settings["Hub:Email:From"] = "IntegrationHub ketenbureau <hub@tilburg.example>";
        settings["Hub:Email:DashboardBaseUrl"] = Dashboard;
        settings["Hub:Email:ChainOffice:0"] = "ketenbureau@tilburg.example";
        settings["Hub:Email:Timeout"] = "00:00:05";
        settings["Hub:Outbox:MaxBackoff"] = "00:00:02";
        return TestHub.StartAsync(settings);
    }

    async Task AdvanceAsync(string duration) =>
        (await _hub.Operator.PostAsync("/api/admin/clock", Messages.Json(new JsonObject { ["advance"] = duration }))).EnsureSuccessStatusCode();

    static string Text(MimeMessage m) => m.TextBody ?? "";

    static IEnumerable<string> To(IEnumerable<MimeMessage> messages) => messages.SelectMany(m => m.To.Mailboxes.Select(b => b.Address));

    async Task<Guid> DeliveredAsync()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        await _hub.WaitForStateAsync(id, "delivered");
        return id;
    }

    [Fact]
    public async Task A_missed_receipt_mails_the_receivers_team_lead_and_the_senders_in_dutch_then_english_without_personal_data()
    {
        var id = await DeliveredAsync();

        await AdvanceAsync("P2DT1H");

        var mail = await _smtp.WaitForAsync(2);
        To(mail).Should().BeEquivalentTo(["toegang@bjz-nb.example", "zorg@regenboog.example"],
            "the receiver's team lead is addressed at level 1; the sender, who holds the case, is told");
        foreach (var m in mail)
        {
            var text = Text(m);
            m.Subject.Should().Contain("Opschaling niveau 1").And.Contain(id.ToString()[..8]).And.Contain("escalation level 1");
            text.IndexOf("Opschaling op niveau 1", StringComparison.Ordinal).Should().BeLessThan(text.IndexOf("-- English --", StringComparison.Ordinal), "Dutch first");
            text.Should().Contain($"Overdracht:             {id}").And.Contain("ontvangstbevestiging, termijn verstreken sinds wo 03-02-2027 10:00")
                .And.Contain("SBO De Regenboog (special primary school) (school-de-regenboog) houdt de casus")
                .And.Contain($"{Dashboard}/dashboard/handovers/{id}")
                .And.Contain("What is overdue:        receipt confirmation, deadline passed Wed 3 Feb 2027 10:00 (Amsterdam)");
            m.From.Mailboxes.Single().Address.Should().Be("hub@tilburg.example");
            m.MessageId.Should().EndWith("@tilburg.example");
            m.Headers["X-Hub-Handover-Id"].Should().Be(id.ToString());
            var raw = m.ToString();
            raw.Should().NotContain("123456782").And.NotContain("Kevin").And.NotContain("Pietersdam").And.NotContain("2016-04-12").And.NotContain("12-04-2016");
        }
        mail.Select(m => m.MessageId).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Level_two_asks_acknowledgement_a_late_one_is_sent_again_with_the_chain_office_told_and_receipt_resolves_it_for_everyone()
    {
        var id = await DeliveredAsync();
        await AdvanceAsync("P2DT1H");
        await _smtp.WaitForAsync(2);

        // Level 2, two working days later: the receiver's manager and the municipality's process manager, and the sender.
        await AdvanceAsync("P2D");
        var levelTwo = (await _smtp.WaitForAsync(5)).Skip(2).ToList();
        To(levelTwo).Should().BeEquivalentTo(["regiomanager@bjz-nb.example", "procesmanager@tilburg.example", "zorg@regenboog.example"]);
        Text(levelTwo.First(m => To([m]).Single() == "regiomanager@bjz-nb.example")).Should()
            .Contain("Bevestig ontvangst vóór: ma 08-02-2027 11:00").And.Contain("/acknowledgement").And.Contain("U ontvangt dit als:     manager bij Bureau Jeugdzorg");

        // BJZ acknowledges; the municipality does not: it hears again, and so does the chain office, once.
        var view = await _hub.WaitForViewAsync(id, v => v["escalations"]!.AsArray().Count == 2);
        var escalationId = view["escalations"]![1]!["escalationId"]!.GetValue<string>();
        (await _hub.As("bjz-noord-brabant").PostAsync($"/api/handovers/{id}/escalations/{escalationId}/acknowledgement", null)).StatusCode
            .Should().Be(HttpStatusCode.Accepted);
        await AdvanceAsync("P3D");
        var renotice = (await _smtp.WaitForAsync(7)).Skip(5).ToList();
        To(renotice).Should().BeEquivalentTo(["procesmanager@tilburg.example", "ketenbureau@tilburg.example"]);
        renotice.Should().AllSatisfy(m => m.Subject.Should().Contain("Herinnering"));

        // The receipt arrives: everyone notified of an open escalation hears it is resolved.
        (await _hub.FeedbackAsync(id, Messages.Feedback("receipt", "bjz-noord-brabant"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var resolved = (await _smtp.WaitForAsync(7 + 5)).Skip(7).ToList();
        resolved.Should().AllSatisfy(m => m.Subject.Should().Contain("Opschaling opgelost"));
        To(resolved).Should().BeEquivalentTo(["toegang@bjz-nb.example", "zorg@regenboog.example", "regiomanager@bjz-nb.example",
            "procesmanager@tilburg.example", "zorg@regenboog.example"]);

        // Nothing twice: once the outbox is empty, the server holds exactly these.
        await SettledAsync();
        _smtp.Messages().Should().HaveCount(12);
    }

    [Fact]
    public async Task A_server_that_is_down_holds_the_mail_visible_to_operators_and_it_goes_once_when_the_server_is_back()
    {
        var port = SmtpSink.FreePort();
        await using var hub = await StartHubAsync(port);
        var id = await hub.SubmitAsync(Messages.Handover());
        await hub.WaitForStateAsync(id, "delivered");
        (await hub.Operator.PostAsync("/api/admin/clock", Messages.Json(new JsonObject { ["advance"] = "P2DT1H" }))).EnsureSuccessStatusCode();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonObject status;
        do
        {
            status = await (await hub.Operator.GetAsync("/api/operator/email")).ReadJsonAsync();
            await Task.Delay(200);
        } while (status["failing"]!.AsArray().Count < 2 && DateTime.UtcNow < deadline);
        status["enabled"]!.GetValue<bool>().Should().BeTrue();
        status["waiting"]!.GetValue<long>().Should().Be(2);
        status["failing"]!.AsArray().Should().AllSatisfy(f =>
        {
            f!["attempts"]!.GetValue<int>().Should().BeGreaterThan(0);
            f["lastError"]!.GetValue<string>().Should().NotBeNullOrEmpty();
            f["parked"]!.GetValue<bool>().Should().BeFalse("a server that is down is tried again, never given up on");
        });

        await using var back = await SmtpSink.StartAsync(port);
        var mail = await back.WaitForAsync(2, TimeSpan.FromSeconds(30));
        await SettledAsync(hub);
        back.Messages().Should().HaveCount(2, "each e-mail goes once");
        To(mail).Should().BeEquivalentTo(["toegang@bjz-nb.example", "zorg@regenboog.example"]);
        (await (await hub.Operator.GetAsync("/api/operator/email")).ReadJsonAsync())["waiting"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task A_school_that_does_not_re_route_in_time_has_its_own_team_lead_mailed_as_the_one_who_holds_the_case()
    {
        var id = await DeliveredAsync();
        (await _hub.FeedbackAsync(id, Messages.Feedback("rejection", "bjz-noord-brabant", reason: "Niet onze doelgroep"))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        await AdvanceAsync("P7DT1H");

        var mail = await _smtp.WaitForAsync(1);
        await SettledAsync();
        mail = _smtp.Messages();
        To(mail).Should().Equal(["zorg@regenboog.example"], "the sender owes the re-route; BJZ is done with it");
        Text(mail[0]).Should().Contain("doorverwijzing na afwijzing of intrekking, termijn verstreken sinds ma 08-02-2027 10:00")
            .And.Contain("SBO De Regenboog (special primary school) (school-de-regenboog) houdt de casus")
            .And.Contain("re-routing after a rejection or withdrawal");
    }

    [Fact]
    public async Task A_binding_decision_mails_the_bound_agency_at_its_highest_level_and_the_chain_office_once()
    {
        var id = await DeliveredAsync();
        var escalate = await _hub.Operator.PostAsync("/api/escalations", Messages.Json(new JsonObject
        {
            ["handoverId"] = id.ToString(), ["messageId"] = Guid.NewGuid().ToString(), ["reason"] = "unsafe", ["level"] = 3,
        }));
        var escalation = (await escalate.ReadJsonAsync())["escalationId"]!.GetValue<string>();
        await _smtp.WaitForAsync(1);
        await SettledAsync();
        var before = _smtp.Messages().Count;

        (await _hub.Operator.PostAsync($"/api/handovers/{id}/escalations/{escalation}/decision", Messages.Json(new JsonObject
        {
            ["decidedBy"] = "Wethouder jeugd", ["reference"] = "https://besluiten.tilburg.example/2027/0042",
            ["boundParties"] = new JsonArray(new JsonObject { ["agencyId"] = "bjz-noord-brabant", ["complyBy"] = "2027-02-05" },
                new JsonObject { ["agencyId"] = "school-de-regenboog", ["complyBy"] = "2027-02-05" }),
        }))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        await _smtp.WaitForAsync(before + 3);
        await SettledAsync();
        var decision = _smtp.Messages().Skip(before).ToList();
        To(decision).Should().BeEquivalentTo(["regiomanager@bjz-nb.example", "directie@regenboog.example", "ketenbureau@tilburg.example"],
            "level 3 binds; BJZ and the school have no level-3 contact, so their highest below it hears; the chain office once for both");
        Text(decision[0]).Should().Contain("Besluit met doorzettingsmacht").And.Contain("Binding decision").And.Contain("Nakomen uiterlijk:")
            .And.Contain("2027-02-05");
    }

    [Fact]
    public async Task An_address_the_server_refuses_for_good_is_parked_for_operators_and_the_others_still_go()
    {
        var root = JsonNode.Parse(RepoFiles.Read("src", "Contracts", "Agencies", "demo-directory.json"))!;
        var bjz = root["agencies"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "bjz-noord-brabant")!;
        bjz["contacts"]![0]!["email"] = "nobody@bjz-nb.example";
        var directory = Path.Combine(Path.GetTempPath(), $"directory-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(directory, root.ToJsonString());
        try
        {
            var settings = TestHub.Simulated(AgencySamples.Now);
            foreach (var (key, value) in new Dictionary<string, string?>
                     {
                         ["Hub:Email:Host"] = "127.0.0.1", ["Hub:Email:Port"] = _smtp.Port.ToString(), ["Hub:Email:Tls"] = "none",
                         ["Hub:Email:From"] = "hub@tilburg.example", ["Hub:Directory:Path"] = directory,
                     })
                settings[key] = value;
            await using var hub = await TestHub.StartAsync(settings);
            var id = await hub.SubmitAsync(Messages.Handover());
            await hub.WaitForStateAsync(id, "delivered");
            (await hub.Operator.PostAsync("/api/admin/clock", Messages.Json(new JsonObject { ["advance"] = "P2DT1H" }))).EnsureSuccessStatusCode();

            To(await _smtp.WaitForAsync(1)).Should().Equal(["zorg@regenboog.example"]);
            var deadline = DateTime.UtcNow.AddSeconds(20);
            JsonArray failing;
            do
            {
                failing = (await (await hub.Operator.GetAsync("/api/operator/email")).ReadJsonAsync())["failing"]!.AsArray();
                await Task.Delay(100);
            } while (failing.Count == 0 && DateTime.UtcNow < deadline);
            var parked = failing.Should().ContainSingle().Subject!;
            parked["to"]!.GetValue<string>().Should().Be("nobody@bjz-nb.example");
            parked["parked"]!.GetValue<bool>().Should().BeTrue();
            parked["lastError"]!.GetValue<string>().Should().Contain("550");
            (await hub.Operator.GetAsync("/api/operator/undeliverable")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            File.Delete(directory);
        }
    }

    [Fact]
    public async Task A_match_between_two_agencies_mails_each_ones_directory_contact_once_naming_neither_the_child_nor_the_other_professional()
    {
        const string bsn = ChainKit.Kevin;
        await _hub.SignalAsync(ChainKit.Signal("cjg-tilburg", bsn, professional: "Q. Kwast"));
        var second = await _hub.SignalAsync(ChainKit.Signal("school-de-regenboog", bsn, professional: "Z. Zwart"));
        second["matched"]!.GetValue<bool>().Should().BeTrue();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_smtp.Messages().Count(m => m.Headers["X-Hub-Kind"] == "match") < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        await SettledAsync();

        var all = _smtp.Messages();
        var matches = all.Where(m => m.Headers["X-Hub-Kind"] == "match").ToList();
        To(matches).Should().BeEquivalentTo(["team@cjg-tilburg.example", "zorg@regenboog.example"], "each party's level-1 contact, once");
        var matchId = (await _hub.MatchesAsync("cjg-tilburg")).Single()!["matchId"]!.GetValue<string>();
        foreach (var m in matches)
        {
            m.Subject.Should().Contain("Match in de verwijsindex").And.Contain(matchId[..8]);
            Text(m).Should().Contain($"Match:                    {matchId}").And.Contain($"{Dashboard}/dashboard/chain.html?family=")
                .And.Contain("Ook gesignaleerd door:").And.Contain("-- English --");
            m.Headers["X-Hub-Family-Id"].Should().NotBeNullOrEmpty();
        }
        Text(matches.Single(m => To([m]).Single() == "team@cjg-tilburg.example")).Should().Contain("SBO De Regenboog");
        foreach (var m in all)
        {
            // The match's coordination notices go by e-mail too: none names a handover of zeros, the child or a professional.
            m.Headers["X-Hub-Handover-Id"].Should().NotBe(Guid.Empty.ToString());
            m.ToString().Should().NotContain(bsn).And.NotContain("2016-04-12").And.NotContain("12-04-2016").And.NotContain("Kwast").And.NotContain("Zwart")
                .And.NotContain("013-5550000").And.NotContain("@example.org").And.NotContain(Guid.Empty.ToString());
        }
        all.Select(m => m.MessageId).Should().OnlyHaveUniqueItems("nothing is sent twice");
        // The match makes the family need a coordinator: the one the region's table names hears of it, about the family.
        var assigned = all.Where(m => (m.Subject ?? "").Contains("You are assigned to coordinate this family")).Should().ContainSingle().Subject;
        To([assigned]).Should().Equal(["team@smw-tilburg.example"]);
        assigned.Headers["X-Hub-Family-Id"].Should().Be(matches[0].Headers["X-Hub-Family-Id"]);
        assigned.Headers.Contains("X-Hub-Handover-Id").Should().BeFalse("it is about a family, not a handover");
        Text(assigned).Should().Contain("Gezin:").And.NotContain("Overdracht:").And.Contain($"{Dashboard}/dashboard/chain.html?family=");
    }

    [Fact]
    public async Task The_email_status_is_for_operators_only()
    {
        (await _hub.Http.GetAsync("/api/operator/email")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _hub.As("bjz-noord-brabant").GetAsync("/api/operator/email")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _hub.Operator.GetAsync("/api/operator/email")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    Task SettledAsync() => SettledAsync(_hub);

    static async Task SettledAsync(TestHub hub)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await hub.Get<IntegrationHub.Hub.Outbox.OutboxStore>().PendingCountAsync() > 0)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the outbox did not empty");
            await Task.Delay(100);
        }
        await Task.Delay(300);
    }
}
