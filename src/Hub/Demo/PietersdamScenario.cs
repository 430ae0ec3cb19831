using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IntegrationHub.Hub.Demo;

/// <summary>
/// The Pietersdam family scenario (BRIEF.md §9.1), played against a real hub on the embedded default
/// with a simulated clock: Kevin's school hands him over to BJZ; the Veiligheidshuis's police care report on his
/// brother Henk matches them as a family; the Eindhoven table makes BJZ the coordinator, which registers one plan;
/// BJZ confirms receipt but care does not start, the handover escalates to levels 1, 2 and 3, then care starts,
/// every escalation is resolved and the school hears.
/// Everything goes through the public HTTP contract; the timeline printed is the hub's own record.
/// </summary>
public static class PietersdamScenario
{
    static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    /// <summary>Monday 23 November 2026, 09:00 in Amsterdam.</summary>
    static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(1));

    public static async Task<int> RunAsync(string[] hostArgs, TextWriter output, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "hub-demo-" + Guid.NewGuid().ToString("N")[..8]);
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            $"--Hub:DataDirectory={dataDirectory}",
            "--Hub:Clock:Simulated=true",
            $"--Hub:Clock:Start={Start:O}",
            "--Hub:Scheduler:SweepInterval=00:00:00.250",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime=Warning",
            .. hostArgs,
        ];
        await using var app = await HubApp.BuildAsync(args);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var demo = new Player(http, output, cancellationToken);
        try
        {
            output.WriteLine($"Pietersdam scenario (BRIEF.md §9.1) on the embedded hub at {address}, data in {dataDirectory}");
            output.WriteLine($"Simulated clock starts {Local(Start)}. Regular handover: receipt within 2 working days, care within 10.");
            output.WriteLine();
            var ok = await demo.PlayAsync();
            return ok ? 0 : 1;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    static string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Amsterdam).ToString("ddd dd-MM-yyyy HH:mm");

    sealed class Player(HttpClient http, TextWriter output, CancellationToken ct)
    {
        public async Task<bool> PlayAsync()
        {
            var handover = KevinHandover();
            var submitted = await PostAsync("/api/handovers", handover, DemoCredentials.ForAgency("school-de-regenboog"));
            var id = submitted["handoverId"]!.GetValue<string>();
            Say($"school-de-regenboog hands Kevin over to bjz-noord-brabant (ZAT referral) -> {submitted["state"]}");
            await WaitForAsync(id, v => State(v) == "delivered");
            Say("delivered to bjz-noord-brabant's own queue; the receipt deadline runs");

            // The chain around the child (issue 12): the handover signalled Kevin for the school; the police report signals Henk.
            await AdvanceAsync("PT1H");
            await PostBytesAsync("/api/adapters/veiligheidshuis/messages", HenkCareReport(), DemoCredentials.ForAgency("veiligheidshuis-tilburg"));
            Say("veiligheidshuis-tilburg sends the police care report on Henk to cjg-tilburg (its own JSON)");
            var match = (await GetAsync("/api/signals/matches", DemoCredentials.ForAgency("school-de-regenboog")))["matches"]!.AsArray()[0]!;
            var familyId = match["familyId"]!.GetValue<string>();
            var others = match["signals"]!.AsArray().Where(x => !x!["own"]!.GetValue<bool>()).Select(x => $"{x!["agencyId"]} ({x["professional"]!["name"]})");
            Say($"{match["kind"]} match: Kevin and Henk are brothers; the school and the Veiligheidshuis each get the other's contact: {string.Join(", ", others)}");
            var family = await GetAsync($"/api/families/{familyId}", DemoCredentials.ForAgency("bjz-noord-brabant"));
            var asked = family["coordination"]!["pending"]!;
            Say($"coordinator by the Eindhoven table (rule {asked["rule"]}: BJZ is involved): {asked["agencyId"]} must accept by {Local(asked["acceptBy"]!.GetValue<DateTimeOffset>())}");
            await PostAsync($"/api/families/{familyId}/coordination", new JsonObject
            {
                ["decision"] = "accept", ["professional"] = new JsonObject { ["name"] = "A. Jansen", ["role"] = "gezinsvoogd", ["phone"] = "013-5550400" },
            }, DemoCredentials.ForAgency("bjz-noord-brabant"));
            Say("bjz-noord-brabant accepts the coordination; every party hears who coordinates");
            var plan = await PostAsync($"/api/families/{familyId}/plan", FamilyPlan(), DemoCredentials.ForAgency("bjz-noord-brabant"));
            Say($"one family, one plan: {plan["actions"]!.AsArray().Count} actions, each watched for the party that owes it; reviewed every 6 weeks");
            foreach (var (party, action) in new[] { ("school-de-regenboog", 0), ("cjg-tilburg", 1) })
                await PostAsync($"/api/families/{familyId}/plan/actions/{plan["actions"]![action]}/done", new JsonObject(), DemoCredentials.ForAgency(party));
            Say("the school and the CJG report their actions done");

            await AdvanceAsync("PT1H");
            await PostAsync($"/api/handovers/{id}/feedback", Feedback("receipt", "bjz-noord-brabant"), DemoCredentials.ForAgency("bjz-noord-brabant"));
            var view = await WaitForAsync(id, v => State(v) == "receipt-confirmed");
            var careDue = view["deadlines"]!.AsArray().First(d => d!["kind"]!.GetValue<string>() == "care-started")!["dueAt"]!.GetValue<DateTimeOffset>();
            Say($"bjz-noord-brabant confirms receipt; care must start by {Local(careDue)}");

            output.WriteLine("  ... two weeks pass without care starting ...");
            await AdvanceToAsync(careDue);
            await WaitForAsync(id, v => Levels(v).Contains(1));
            Say("deadline missed: care-started; escalation level 1 (operational) raised");
            await AdvanceAsync("P2D");
            await AdvanceAsync("PT1M");
            await WaitForAsync(id, v => Levels(v).Contains(2));
            Say("escalation level 2 (management) raised, two working days later");
            await AdvanceAsync("P7D");
            await WaitForAsync(id, v => Levels(v).Contains(3));
            Say("escalation level 3 (administrative: the alderman) raised, five working days later");

            await AdvanceAsync("PT3H");
            await PostAsync($"/api/handovers/{id}/feedback", Feedback("care-started", "bjz-noord-brabant"), DemoCredentials.ForAgency("bjz-noord-brabant"));
            view = await WaitForAsync(id, v => State(v) == "care-started" && v["escalations"]!.AsArray().All(e => e!["resolvedAt"] is not null));
            Say("bjz-noord-brabant starts care; every open escalation is resolved and everyone notified is told");

            output.WriteLine();
            output.WriteLine("Timeline, as the hub recorded it (GET /api/handovers/" + id + "):");
            foreach (var entry in view["history"]!.AsArray())
                output.WriteLine($"  {Local(entry!["at"]!.GetValue<DateTimeOffset>())}  {entry["event"],-20} {entry["by"]?.GetValue<string>() ?? ""} {entry["detail"]?.GetValue<string>() ?? ""}".TrimEnd());
            output.WriteLine();
            output.WriteLine("Escalations:");
            foreach (var e in view["escalations"]!.AsArray())
                output.WriteLine($"  level {e!["level"]} ({e["deadlineKind"]}) raised {Local(e["raisedAt"]!.GetValue<DateTimeOffset>())}, resolved {Local(e["resolvedAt"]!.GetValue<DateTimeOffset>())}: {string.Join("; ", e["addressees"]!.AsArray().Select(a => a!.GetValue<string>()))}");

            var overview = await GetAsync($"/api/operator/families/{familyId}?purpose=follow-up", DemoCredentials.Operator);
            output.WriteLine();
            output.WriteLine($"The family, as the chain office sees it (GET /api/operator/families/{familyId}?purpose=follow-up, a logged look):");
            output.WriteLine($"  coordinator {overview["coordination"]!["coordinator"]!["agencyId"]} (rule {overview["coordination"]!["coordinator"]!["rule"]}); " +
                $"{overview["signals"]!.AsArray().Count} signals, {overview["matches"]!.AsArray().Count} match(es), {overview["handovers"]!.AsArray().Count} handovers");
            foreach (var s in overview["signals"]!.AsArray())
                output.WriteLine($"  signal  child {s!["child"]}  {s["agencyId"],-24} {s["kind"],-13} {s["professional"]!["name"]}");
            foreach (var m in overview["matches"]!.AsArray())
                output.WriteLine($"  match   {m!["kind"],-7} {string.Join(" + ", m["parties"]!.AsArray().Select(p => p!["agencyId"]!.GetValue<string>()))}");
            var schoolMail = (await GetAsync("/api/agencies/school-de-regenboog/mail", DemoCredentials.ForAgency("school-de-regenboog")))["mail"]!.AsArray();
            var careStartedToSchool = schoolMail.Any(m => m!["kind"]!.GetValue<string>() == "feedback" && m["body"]!.GetValue<string>().Contains("Zorg gestart"));
            output.WriteLine($"  the school's own CSV mailbox: {string.Join(", ", schoolMail.GroupBy(m => m!["kind"]!.GetValue<string>()).Select(g => $"{g.Count()} {g.Key}"))}");

            var levels = Levels(view);
            var complete = State(view) == "care-started" && levels.SequenceEqual([1, 2, 3]) && careStartedToSchool
                && overview["coordination"]!["coordinator"]!["agencyId"]!.GetValue<string>() == "bjz-noord-brabant" && overview["matches"]!.AsArray().Count > 0;
            output.WriteLine();
            output.WriteLine(complete
                ? "Result: Kevin and Henk matched as a family, BJZ coordinates by the Eindhoven table, care started; escalations 1, 2 and 3 were raised once each and all resolved; the school heard."
                : $"Result: UNEXPECTED state {State(view)} with levels {string.Join(",", levels)}");
            return complete;
        }

        /// <summary>Each call as the one who makes it: the school sends, BJZ answers, the chain office moves the clock.</summary>
        async Task<JsonObject> PostAsync(string path, JsonObject body, string key = DemoCredentials.Operator)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new("Bearer", key);
            var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
            return JsonNode.Parse(text)!.AsObject();
        }

        async Task<JsonObject> PostBytesAsync(string path, string body, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new("Bearer", key);
            var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
            return JsonNode.Parse(text)!.AsObject();
        }

        async Task<JsonObject> GetAsync(string path, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new("Bearer", key);
            var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {text}");
            return JsonNode.Parse(text)!.AsObject();
        }

        async Task AdvanceAsync(string duration) => await PostAsync("/api/admin/clock", new JsonObject { ["advance"] = duration });

        async Task AdvanceToAsync(DateTimeOffset to) => await PostAsync("/api/admin/clock", new JsonObject { ["to"] = to.ToString("O") });

        async Task<JsonObject> WaitForAsync(string id, Func<JsonObject, bool> until)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/handovers/{id}");
                request.Headers.Authorization = new("Bearer", DemoCredentials.Operator);
                using var response = await http.SendAsync(request, ct);
                var view = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
                if (until(view))
                    return view;
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"the handover did not get there: {view.ToJsonString()}");
                await Task.Delay(50, ct);
            }
        }

        void Say(string what) => output.WriteLine($"  {DateTime.Now:HH:mm:ss} real | {what}");

        static string State(JsonObject view) => view["state"]!.GetValue<string>();

        static List<int> Levels(JsonObject view) => view["escalations"]!.AsArray().Select(e => e!["level"]!.GetValue<int>()).ToList();
    }

    static JsonObject Feedback(string kind, string by) => new()
    {
        ["schemaVersion"] = "1.0",
        ["messageId"] = Guid.NewGuid().ToString(),
        ["kind"] = kind,
        ["by"] = new JsonObject { ["agencyId"] = by, ["professional"] = new JsonObject { ["name"] = "A. Jansen", ["role"] = "toegangsmedewerker" } },
    };

    /// <summary>The police care report on Henk as the Veiligheidshuis's system exports it (docs/adapters/veiligheidshuis.md).</summary>
    static string HenkCareReport() => """
        {
          "type": "zorgmelding", "berichtId": "ZM-2026-00977", "veiligheidshuis": "veiligheidshuis-tilburg", "ontvanger": "cjg-tilburg",
          "urgentie": "regulier", "doel": "zorg", "grondslag": "veiligheid-kind", "grondslagToelichting": "Convenant Veiligheidshuis Tilburg, art. 6",
          "incident": { "datum": "2026-11-20", "eenheid": "Politie basisteam Tilburg-Noord", "soort": "vandalisme",
                        "omschrijving": "Henk (14) aangehouden na vernieling van bushokjes met twee vrienden." },
          "jeugdige": { "bsn": "234567892", "voornaam": "Henk", "achternaam": "Pietersdam", "geboortedatum": "2012-09-03",
                        "adres": { "straat": "Lindenstraat", "huisnummer": "14", "postcode": "5038 AB", "plaats": "Tilburg" } },
          "gezin": { "ouders": [ { "naam": "S. Pietersdam", "relatie": "moeder", "gezag": true } ],
                     "broersZussen": [ { "bsn": "123456782", "voornaam": "Kevin", "achternaam": "Pietersdam", "geboortedatum": "2016-04-12" } ] },
          "zorgen": [ { "domein": "justitie", "omschrijving": "Bekend bij de politie vanwege vandalisme." } ],
          "melder": { "naam": "B. de Wit", "functie": "wijkagent" },
          "contactpersoon": { "naam": "E. Visser", "functie": "procesregisseur HCO", "telefoon": "013-5550300", "email": "regie@vhh-tilburg.example" }
        }
        """;

    /// <summary>BJZ's plan as coordinator: short goals, who does what by when; the narrative stays in BJZ's own system.</summary>
    static JsonObject FamilyPlan() => JsonNode.Parse($$"""
        {
          "messageId": "{{Guid.NewGuid()}}",
          "goals": [ { "title": "Kevin voelt zich veilig thuis en op school" }, { "title": "Henk blijft uit beeld bij de politie" } ],
          "actions": [
            { "party": "school-de-regenboog", "title": "Gesprek met moeder over hulp voor Kevin", "due": "2026-11-27" },
            { "party": "cjg-tilburg", "title": "Gezinscoach voor het gezin inzetten", "due": "2026-12-04" }
          ],
          "contactPerson": { "agencyId": "bjz-noord-brabant", "name": "A. Jansen", "role": "gezinsvoogd", "phone": "013-5550400" },
          "narrative": { "uri": "https://bjz-nb.example/dossiers/plannen/pietersdam", "sha256": "{{new string('0', 63)}}1" }
        }
        """)!.AsObject();

    static JsonObject KevinHandover() => JsonNode.Parse($$"""
        {
          "schemaVersion": "1.0",
          "messageId": "{{Guid.NewGuid()}}",
          "sender": { "agencyId": "school-de-regenboog", "professional": { "name": "M. de Vries", "role": "zorgcoördinator" } },
          "receiver": { "agencyId": "bjz-noord-brabant" },
          "urgency": "regular",
          "purpose": "care",
          "legalBasis": { "kind": "consent", "consentGivenBy": ["parents"], "consentDate": "2026-11-20" },
          "subject": { "bsn": "123456782", "givenName": "Kevin", "familyName": "Pietersdam", "birthDate": "2016-04-12" },
          "family": { "guardians": [ { "name": "S. Pietersdam", "relationship": "mother", "hasAuthority": true } ],
                      "siblings": [ { "bsn": "234567892", "givenName": "Henk", "familyName": "Pietersdam", "birthDate": "2012-09-03" } ] },
          "concerns": [
            { "domain": "school", "description": "Withdrawn, does not connect with classmates; discussed in the ZAT twice." },
            { "domain": "family", "description": "Tension at home; police attended a domestic fight." }
          ],
          "requestedAction": "assessment"
        }
        """)!.AsObject();
}
