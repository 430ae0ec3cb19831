using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.AgencyAdapters;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.IntegrationTests.Broker;

/// <summary>
/// Issue 10 §1 "Hostile JSON" on a real RabbitMQ node: a message the hub cannot take must never block an
/// agency's inbound queue. Before, 16 such messages (the prefetch) were requeued forever, across restarts,
/// and nothing behind them was ever read. Now a non-transient failure is refused to .inbound.error at once,
/// and a transient one (the database unreachable) after Hub:Inbound:MaxAttempts tries.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public class PoisonMessageTests(RabbitMqNode rabbit) : IAsyncLifetime
{
    const string Cjg = "cjg-tilburg";
    const string Gemeente = "gemeente-tilburg";
    const int MaxAttempts = 3;

    TestHub _hub = null!;
    AgencyQueueReader _reader = null!;
    string _directory = null!;

    public async Task InitializeAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "hub-test-poison-" + Guid.NewGuid().ToString("N")[..10]);
        var settings = rabbit.HubSettings;
        foreach (var (key, value) in TestHub.Simulated(AgencySamples.Now))
            settings[key] = value;
        // The CJG's system speaks a test format whose adapter fails on purpose (FaultyAdapter).
        settings["Hub:Directory:Path"] = DirectoryWithFormat(_directory, Cjg, FaultyAdapter.FormatName);
        settings["Hub:Inbound:MaxAttempts"] = MaxAttempts.ToString();
        settings["Hub:Inbound:RetryDelay"] = "00:00:00.050";
        _hub = await TestHub.StartAsync(settings, configure: b => b.Services.AddSingleton<IAgencyAdapter, FaultyAdapter>());
        _reader = await AgencyQueueReader.ConnectAsync(rabbit);
        foreach (var agency in new[] { Cjg, Gemeente, "bjz-noord-brabant" })
            foreach (var queue in new[] { AgencyQueues.MailQueue(agency), AgencyQueues.InboundQueue(agency), AgencyQueues.InboundError(agency) })
                await _reader.PurgeAsync(queue);
    }

    public async Task DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _hub.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    static string DirectoryWithFormat(string directory, string agencyId, string format)
    {
        var root = JsonNode.Parse(RepoFiles.Read("src", "Contracts", "Agencies", "demo-directory.json"))!;
        root["agencies"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == agencyId)!["delivery"]!["format"] = format;
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "directory.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    static (Guid HandoverId, byte[] Body) Good(string sender)
    {
        var handover = Messages.Handover(sender: sender, receiver: "bjz-noord-brabant");
        var id = Guid.NewGuid();
        handover["handoverId"] = id.ToString();
        return (id, Encoding.UTF8.GetBytes(handover.ToJsonString()));
    }

    /// <summary>Bodies that used to be requeued forever: unreadable or ill-typed canonical JSON.</summary>
    static IEnumerable<byte[]> Hostile(string sender)
    {
        var json = Messages.Handover(sender: sender).ToJsonString();
        string[] variants =
        [
            json.Replace("\"urgency\":\"regular\"", "\"urgency\":\"regular\",\"urgency\":\"crisis\""),
            json.Replace("\"Kevin\"", "\"Ke\\ud800vin\""),
            json.Replace("\"schemaVersion\":\"1.0\"", "\"schemaVersion\":1.0"),
            json.Replace("\"schemaVersion\":\"1.0\"", "\"schemaVersion\":null"),
            json.Replace("\"sender\":{", "\"sender\":[{").Replace(",\"receiver\"", "],\"receiver\""),
            json.Replace("\"purpose\":\"care\"", "\"purpose\":\"care\",\"n\":1e999"),
            json.Replace("\"Kevin\"", "\"Ke\\u0000vin\""),
            "{\"kind\": {\"a\": 1}, \"handoverId\": [1]}",
            "[1, 2, 3]",
            "\u00ff\u00fe not even UTF-8",
        ];
        // The last one in Latin-1: bytes that are not UTF-8 at all.
        return variants[..^1].Select(Encoding.UTF8.GetBytes).Append(Encoding.Latin1.GetBytes(variants[^1]));
    }

    [Fact]
    public async Task Twenty_poison_messages_do_not_block_a_good_one_behind_them()
    {
        // Ten that throw inside the hub (a bug, not bad input) and ten hostile bodies, more than the prefetch of 16.
        for (var i = 0; i < 10; i++)
            await _reader.PublishAsync(AgencyQueues.InboundExchange(Cjg), Encoding.UTF8.GetBytes(FaultyAdapter.Boom), "application/json");
        foreach (var body in Hostile(Cjg))
            await _reader.PublishAsync(AgencyQueues.InboundExchange(Cjg), body, "application/json");
        var (id, good) = Good(Cjg);
        await _reader.PublishAsync(AgencyQueues.InboundExchange(Cjg), good, "application/json");

        (await _hub.WaitForStateAsync(id, "delivered"))["sender"]!.GetValue<string>().Should().Be(Cjg);

        var refused = await _reader.WaitForAsync(AgencyQueues.InboundError(Cjg), 20);
        refused.Should().HaveCount(20);
        refused.Should().OnlyContain(m => m.Headers.ContainsKey("x-reject-reason"));
        var reasons = refused.Select(m => m.Headers["x-reject-reason"]).ToList();
        reasons.Take(10).Should().OnlyContain(r => r.Contains("InvalidOperationException") && !r.Contains("123456782"),
            "an exception's type is named, never its text (which may quote the message)");
        reasons.Skip(10).Select(r => JsonNode.Parse(r)!.AsArray()[0]!["path"]!.GetValue<string>())
            .Should().Equal("/urgency", "/subject/givenName", "/schemaVersion", "/schemaVersion", "/sender", "/n", "/subject/givenName", "/schemaVersion", "/", "/");
        (await _reader.DepthAsync(AgencyQueues.InboundQueue(Cjg))).Should().Be(0, "nothing is requeued");
        await using var connection = await _hub.Get<HubDatabase>().OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM rejects WHERE channel = 'amqp:hub.inbound.cjg-tilburg'"))
            .Should().Be(20, "operators see every refusal, the failures inside the hub included");
    }

    [Fact]
    public async Task Hostile_json_on_a_canonical_agencys_queue_is_refused_with_its_path()
    {
        var hostile = Hostile(Gemeente).ToList();
        foreach (var body in hostile.Concat(hostile))
            await _reader.PublishAsync(AgencyQueues.InboundExchange(Gemeente), body, "application/json");
        var (id, good) = Good(Gemeente);
        await _reader.PublishAsync(AgencyQueues.InboundExchange(Gemeente), good, "application/json");

        await _hub.WaitForStateAsync(id, "delivered");
        var refused = await _reader.WaitForAsync(AgencyQueues.InboundError(Gemeente), hostile.Count * 2);
        refused.Select(m => JsonNode.Parse(m.Headers["x-reject-reason"])!.AsArray().Count).Should().OnlyContain(n => n > 0);
    }

    [Fact]
    public async Task A_message_the_database_cannot_take_is_retried_in_place_then_refused_after_the_last_attempt()
    {
        var (recoveredId, recovering) = Good(Cjg);
        await _reader.PublishAsync(AgencyQueues.InboundExchange(Cjg), Encoding.UTF8.GetBytes(FaultyAdapter.DatabaseDown), "application/json");
        await _reader.PublishAsync(AgencyQueues.InboundExchange(Cjg), [.. Encoding.UTF8.GetBytes(FaultyAdapter.FailsOnce), .. recovering], "application/json");
        var (id, good) = Good(Cjg);
        await _reader.PublishAsync(AgencyQueues.InboundExchange(Cjg), good, "application/json");

        await _hub.WaitForStateAsync(id, "delivered");
        await _hub.WaitForStateAsync(recoveredId, "delivered");

        var refused = (await _reader.WaitForAsync(AgencyQueues.InboundError(Cjg), 1)).Should().ContainSingle().Subject;
        refused.Text.Should().Be(FaultyAdapter.DatabaseDown);
        refused.Headers["x-reject-reason"].Should().Contain($"{MaxAttempts} attempts");
        var adapter = _hub.Services.GetServices<IAgencyAdapter>().OfType<FaultyAdapter>().Single();
        adapter.Attempts(FaultyAdapter.DatabaseDown).Should().Be(MaxAttempts);
        adapter.Attempts(FaultyAdapter.FailsOnce).Should().Be(2, "a transient failure is tried again, and then goes through");
        (await _reader.DepthAsync(AgencyQueues.InboundQueue(Cjg))).Should().Be(0);
    }

    [Fact]
    public async Task The_reject_reason_header_names_paths_and_rules_never_the_bsn_name_or_birth_date()
    {
        var xml = Encoding.UTF8.GetString(AgencySamples.BjzHandoverToCjg())
            .Replace("<BSN>123456782</BSN>", "<BSN>12345678</BSN>")
            .Replace("<Voornaam>Kevin</Voornaam>", $"<Voornaam>{string.Concat(Enumerable.Repeat("Zoelle", 40))}</Voornaam>")
            .Replace("<Geboortedatum>2016-04-12</Geboortedatum>", "<Geboortedatum>2016-13-45</Geboortedatum>");

        await _reader.PublishAsync(AgencyQueues.InboundExchange("bjz-noord-brabant"), Encoding.UTF8.GetBytes(xml), "application/xml");

        var refused = (await _reader.WaitForAsync(AgencyQueues.InboundError("bjz-noord-brabant"), 1)).Should().ContainSingle().Subject;
        var header = refused.Headers["x-reject-reason"];
        JsonNode.Parse(header)!.AsArray().Select(p => p!["path"]!.GetValue<string>())
            .Should().Equal("/Overdracht/Jeugdige/BSN", "/Overdracht/Jeugdige/Voornaam", "/Overdracht/Jeugdige/Geboortedatum");
        header.Should().NotContain("12345678").And.NotContain("Zoelle").And.NotContain("2016-13-45");
    }
}

/// <summary>
/// A test adapter (format test-faulty) that fails on purpose: "boom" is a bug inside the hub (non-transient),
/// "database-down" is a database that cannot be opened (transient, every time), "fails-once:" plus a canonical
/// body is a database that was busy once. Anything else is read as the hub's canonical format.
/// </summary>
sealed class FaultyAdapter : IAgencyAdapter
{
    public const string FormatName = "test-faulty";
    public const string Boom = "boom";
    public const string DatabaseDown = "database-down";
    public const string FailsOnce = "fails-once:";

    readonly ConcurrentDictionary<string, int> Counts = new();

    public string Name => FormatName;
    public string Format => FormatName;

    public int Attempts(string kind) => Counts.GetValueOrDefault(kind);

    public InboundResult Read(ReadOnlyMemory<byte> body, string? contentType, AdapterContext context)
    {
        var text = Encoding.UTF8.GetString(body.Span);
        if (text == Boom)
            throw new InvalidOperationException("a bug that quotes the message: BSN 123456782");
        if (text == DatabaseDown)
        {
            Counts.AddOrUpdate(DatabaseDown, 1, (_, n) => n + 1);
            throw new SqliteException("unable to open database file /var/lib/hub/hub.db", 14);
        }
        if (text.StartsWith(FailsOnce, StringComparison.Ordinal))
        {
            if (Counts.AddOrUpdate(FailsOnce, 1, (_, n) => n + 1) == 1)
                throw new SqliteException("database is locked", 5);
            return CanonicalInbound.Read(body[Encoding.UTF8.GetByteCount(FailsOnce)..], context);
        }
        return CanonicalInbound.Read(body, context);
    }

    public OutboundDocument Render(AgencyMail mail) => new("application/json", Encoding.UTF8.GetBytes(mail.MailId.ToString()));
}
