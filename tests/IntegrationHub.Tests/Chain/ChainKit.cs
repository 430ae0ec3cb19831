using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Chain;

/// <summary>Signals, matches, families and the simulated clock, through the public calls, for the chain's tests.</summary>
public static class ChainKit
{
    /// <summary>Children of the Pietersdam family and others, each with a BSN that passes the 11-check.</summary>
    public const string Kevin = "123456782";
    public const string Henk = "234567892";
    public const string Lisa = "628194821";
    public const string Tom = "252760189";
    public const string Mother = "507529170";
    public const string Stranger = "121547280";

    /// <summary>Monday 1 February 2027, 10:00 in Amsterdam.</summary>
    public static readonly DateTimeOffset Monday = new(2027, 2, 1, 9, 0, 0, TimeSpan.Zero);

    public static JsonObject Signal(string agency, string bsn, string birthDate = "2016-04-12", string kind = "concern", string? meetingId = null,
        string[]? siblings = null, string[]? guardians = null, string professional = "A. Professional", string? city = "Tilburg")
    {
        var signal = new JsonObject
        {
            ["schemaVersion"] = "1.0",
            ["messageId"] = Guid.NewGuid().ToString(),
            ["agencyId"] = agency,
            ["professional"] = new JsonObject { ["name"] = professional, ["role"] = "hulpverlener", ["phone"] = "013-5550000", ["email"] = $"{agency}@example.org" },
            ["subject"] = new JsonObject { ["bsn"] = bsn, ["birthDate"] = birthDate },
            ["kind"] = kind,
        };
        if (city is not null)
            signal["subject"]!["address"] = new JsonObject { ["city"] = city };
        if (meetingId is not null)
            signal["meetingId"] = meetingId;
        if (siblings is not null || guardians is not null)
            signal["family"] = new JsonObject
            {
                ["siblings"] = new JsonArray((siblings ?? []).Select(s => (JsonNode)new JsonObject { ["bsn"] = s }).ToArray()),
                ["guardians"] = new JsonArray((guardians ?? []).Select(g => (JsonNode)new JsonObject { ["bsn"] = g, ["name"] = "ouder" }).ToArray()),
            };
        return signal;
    }

    public static Task<HttpResponseMessage> PostSignalAsync(this TestHub hub, JsonObject signal) =>
        hub.As(signal["agencyId"]!.GetValue<string>()).PostAsync("/api/signals", Messages.Json(signal));

    /// <summary>Signals as its agency; returns the answer (signalId, matched).</summary>
    public static async Task<JsonObject> SignalAsync(this TestHub hub, JsonObject signal)
    {
        var response = await hub.PostSignalAsync(signal);
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 202)
            throw new InvalidOperationException($"POST /api/signals answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static async Task<JsonArray> MatchesAsync(this TestHub hub, string agency)
    {
        var response = await hub.As(agency).GetAsync("/api/signals/matches");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["matches"]!.AsArray();
    }

    /// <summary>The agency's mail of one kind (and notice kind), waiting until at least <paramref name="count"/> are there.</summary>
    public static async Task<List<JsonObject>> WaitForMailOfKindAsync(this TestHub hub, string agency, string kind, int count = 1, string? noticeKind = null,
        TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var found = (await hub.MailAsync(agency)).Select(m => m!.AsObject())
                .Where(m => m["kind"]!.GetValue<string>() == kind && (noticeKind is null || m["body"]!.GetValue<string>().Contains(noticeKind))).ToList();
            if (found.Count >= count)
                return found;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{agency} holds {found.Count} mail(s) of kind {kind} {noticeKind}, expected {count}\n{hub.LogTail()}");
            await Task.Delay(50);
        }
    }

    /// <summary>The canonical body of a piece of mail in a canonical agency's mailbox.</summary>
    public static JsonObject Body(this JsonObject mail) => JsonNode.Parse(mail["body"]!.GetValue<string>())!.AsObject();

    public static async Task AdvanceAsync(this TestHub hub, string duration) =>
        (await hub.Operator.PostAsync("/api/admin/clock", Messages.Json(new JsonObject { ["advance"] = duration }))).EnsureSuccessStatusCode();

    public static async Task AdvanceToAsync(this TestHub hub, DateTimeOffset to) =>
        (await hub.Operator.PostAsync("/api/admin/clock", Messages.Json(new JsonObject { ["to"] = to.ToString("O") }))).EnsureSuccessStatusCode();

    public static async Task<JsonObject> FamilyAsync(this TestHub hub, string familyId, string purpose = "follow-up")
    {
        var response = await hub.Operator.GetAsync($"/api/operator/families/{familyId}?purpose={purpose}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> OverviewAsync(this TestHub hub) =>
        (await hub.Operator.GetFromJsonAsync<JsonObject>("/api/operator/chain"))!;

    /// <summary>Polls until <paramref name="until"/> holds for what <paramref name="read"/> returns (the sweep runs on its own).</summary>
    public static async Task<T> EventuallyAsync<T>(this TestHub hub, Func<Task<T>> read, Func<T, bool> until, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        T last;
        while (!until(last = await read()))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} did not happen in time; last: {last}\n{hub.LogTail()}");
            await Task.Delay(50);
        }
        return last;
    }

    public static async Task<long> CountAsync(this TestHub hub, string sql, object? parameters = null)
    {
        await using var connection = await hub.Get<HubDatabase>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    public static async Task<string> FamilyOfAsync(this TestHub hub, string agency)
    {
        var matches = await hub.MatchesAsync(agency);
        return matches[0]!["familyId"]!.GetValue<string>();
    }
}
