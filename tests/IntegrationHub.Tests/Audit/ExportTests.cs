using IntegrationHub.Tests.Support;
using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Audit.Fhir;

namespace IntegrationHub.Tests.Audit;

/// <summary>CSV and FHIR exports of a period: complete, exact, and valid against HL7's R4 schema.</summary>
public class ExportTests : IAsyncLifetime
{
    static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    ScratchLog _log = null!;

    public async Task InitializeAsync() => _log = await ScratchLog.CreateAsync();

    public async Task DisposeAsync() => await _log.DisposeAsync();

    Task<IReadOnlyList<DeliveryLogRow>> AllAsync() => new DeliveryLogReader(_log.Database).ReadAsync(new AuditPeriod(Start.AddYears(-1), Start.AddYears(1)));

    [Fact]
    public async Task Csv_round_trips_count_fields_and_hashes_even_with_awkward_text()
    {
        await _log.AppendAsync(3);
        await _log.Log.AppendAsync(ScratchLog.Entry(4) with { Purpose = "care, \"urgent\"\r\nsecond line", Channel = "adapter:school;csv" });
        var rows = await AllAsync();

        var records = Csv.Parse(DeliveryLogCsv.ToCsv(rows));

        records[0].Should().Equal(DeliveryLogCsv.Header);
        records.Should().HaveCount(rows.Count + 1).And.OnlyContain(r => r.Count == DeliveryLogCsv.Header.Count);
        foreach (var (row, record) in rows.Zip(records.Skip(1)))
        {
            var back = new DeliveryLogRow
            {
                Seq = long.Parse(record[0], CultureInfo.InvariantCulture),
                AtMs = DateTimeOffset.ParseExact(record[1], DeliveryLogCsv.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds(),
                MessageId = record[2], HandoverId = record[3], Sender = record[4], Receiver = record[5], Kind = record[6], Purpose = record[7],
                LegalBasis = record[8], SubjectKey = record[9], PayloadSha256 = record[10], Outcome = record[11], Channel = record[12],
                PrevHash = record[13], EntryHash = record[14],
            };
            back.Should().Be(row);
            ChainHash.Of(back).Should().Be(row.EntryHash, "an auditor can recompute the chain from the CSV");
        }
        records[4][7].Should().Be("care, \"urgent\"\r\nsecond line");
    }

    [Fact]
    public async Task A_period_is_from_inclusive_to_exclusive()
    {
        for (var i = 0; i < 10; i++)
            await _log.Log.AppendAsync(ScratchLog.Entry(i, Start.AddHours(i)));

        var rows = await new DeliveryLogReader(_log.Database).ReadAsync(new AuditPeriod(Start.AddHours(3), Start.AddHours(6)));

        rows.Select(r => r.At).Should().Equal(Start.AddHours(3), Start.AddHours(4), Start.AddHours(5));
    }

    [Fact]
    public async Task Fhir_export_is_a_valid_R4_bundle_of_audit_events()
    {
        await _log.AppendAsync(2);
        await _log.Log.AppendAsync(ScratchLog.Entry(3) with { Outcome = DeliveryOutcomes.Delivered, Kind = "mail:handover", Channel = "agency.bjz-noord-brabant" });
        await _log.Log.AppendAsync(ScratchLog.Entry(4) with { Outcome = DeliveryOutcomes.Rejected, Sender = null, Receiver = null, HandoverId = null, Purpose = null, LegalBasis = null, SubjectKey = null });
        await _log.Log.AppendAsync(ScratchLog.Entry(5) with { Outcome = DeliveryOutcomes.Refused, Kind = "feedback:receipt" });
        var rows = await AllAsync();

        var json = AuditEventExport.ToJson(rows, Start);

        FhirConformance.Violations(json).Should().BeEmpty();
        var bundle = JsonNode.Parse(json)!;
        bundle["resourceType"]!.GetValue<string>().Should().Be("Bundle");
        bundle["type"]!.GetValue<string>().Should().Be("collection");
        var events = bundle["entry"]!.AsArray().Select(e => e!["resource"]!).ToList();
        events.Should().HaveCount(5);
        events.Select(e => e["outcome"]!.GetValue<string>()).Should().Equal("0", "0", "0", "8", "4");
        // Bound to R4's value sets: intake is a RESTful create, delivery DICOM's Export event.
        events.Select(e => e["type"]!["code"]!.GetValue<string>()).Should().Equal("rest", "rest", "110106", "rest", "rest");
        events.Select(e => e["type"]!["system"]!.GetValue<string>()).Should().Equal(
            AuditEventExport.AuditEventTypeSystem, AuditEventExport.AuditEventTypeSystem, AuditEventExport.DicomSystem,
            AuditEventExport.AuditEventTypeSystem, AuditEventExport.AuditEventTypeSystem);
        events.Select(e => e["subtype"]?[0]?["code"]?.GetValue<string>()).Should().Equal("create", "create", null, "create", "create");
        events.Select(e => e["action"]!.GetValue<string>()).Should().Equal("C", "C", "R", "C", "C");
        events[0]["source"]!["observer"]!["identifier"]!["value"]!.GetValue<string>().Should().Be("integrationhub");
        events[0]["agent"]!.AsArray().Select(a => a!["who"]!["identifier"]!["value"]!.GetValue<string>()).Should().Equal("school-de-regenboog", "bjz-noord-brabant");
        events[0]["entity"]!.AsArray().Select(e => e!["what"]!["identifier"]!["value"]!.GetValue<string>()).Should().Equal(rows[0].MessageId, rows[0].HandoverId);
        var details = events[0]["entity"]![0]!["detail"]!.AsArray().ToDictionary(d => d!["type"]!.GetValue<string>(), d => d!["valueString"]!.GetValue<string>());
        details.Should().Contain("kind", "handover").And.Contain("purpose", "care").And.Contain("legal-basis", "consent")
            .And.Contain("payload-sha256", rows[0].PayloadSha256).And.Contain("chain-hash", rows[0].EntryHash);
    }

    [Fact]
    public async Task An_empty_period_is_a_valid_bundle_without_entries()
    {
        var json = AuditEventExport.ToJson([], Start);
        FhirConformance.Violations(json).Should().BeEmpty();
        JsonNode.Parse(json)!.AsObject().ContainsKey("entry").Should().BeFalse("FHIR JSON has no empty arrays");
    }

    [Theory]
    [InlineData("outcome", "\"3\"")]
    [InlineData("action", "\"X\"")]
    [InlineData("recorded", "\"23-11-2026\"")]
    [InlineData("bsn", "\"123456782\"")]
    [InlineData("source", null)]
    public async Task The_schema_rejects_a_deliberately_invalid_audit_event(string property, string? value)
    {
        await _log.AppendAsync(1);
        var bundle = JsonNode.Parse(AuditEventExport.ToJson(await AllAsync(), Start))!;
        var resource = bundle["entry"]![0]!["resource"]!.AsObject();
        if (value is null)
            resource.Remove(property);
        else
            resource[property] = JsonNode.Parse(value);

        FhirSchema.Violations(bundle.ToJsonString()).Should().NotBeEmpty();
        FhirSchema.Violations(resource.ToJsonString()).Should().NotBeEmpty();
    }
}
