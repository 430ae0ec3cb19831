using System.Net;
using Dapper;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Reports;
using IntegrationHub.Tests.Reports;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Operator;

/// <summary>
/// The read model is kept by the steps, incrementally: after a mixed day of handovers it holds exactly what a
/// rebuild from the stored sagas gives, and the municipality's report reads it with small numbers hidden.
/// </summary>
public class ReadModelTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await OperatorHub.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Kept_by_the_steps_it_equals_a_rebuild_from_the_sagas()
    {
        await MixedDayAsync();
        var database = _hub.Get<HubDatabase>();
        var kept = await SnapshotAsync(database);

        await ReadModelRebuild.RebuildAsync(database, _hub.Get<CovenantBook>());

        (await SnapshotAsync(database)).Should().BeEquivalentTo(kept, o => o.WithStrictOrdering());
        kept.Counts.Should().NotBeEmpty();
        kept.Buckets.Should().NotBeEmpty();
        kept.Escalations.Should().NotBeEmpty();
        kept.Pairs.Should().NotBeEmpty();
        kept.Municipalities.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("sender,receiver")]
    [InlineData("receiver")]
    [InlineData("period,municipality")]
    [InlineData("municipality,period,age_band")]
    public async Task Percentiles_found_by_the_database_equal_those_of_every_bucket_read(string grouping)
    {
        await MixedDayAsync();
        var groupBy = grouping.Length == 0 ? Array.Empty<string>() : grouping.Split(',');
        var spreads = await _hub.Get<ReportQueries>().SpreadsAsync(new ReportFilter(), groupBy, CancellationToken.None);

        var expected = await EveryBucket.SpreadsAsync(_hub.Get<HubDatabase>(), groupBy);

        spreads.Should().BeEquivalentTo(expected).And.NotBeEmpty();
    }

    [Fact]
    public async Task The_pair_and_municipality_sums_equal_the_full_buckets_summed()
    {
        await MixedDayAsync();
        await using var connection = await _hub.Get<HubDatabase>().OpenAsync();
        async Task<List<string>> Rows(string sql) =>
            (await connection.QueryAsync(sql)).Cast<IDictionary<string, object?>>().Select(r => string.Join("|", r.Values)).ToList();

        (await Rows("SELECT period, sender, receiver, metric, bucket, count FROM lead_time_pairs WHERE count <> 0 ORDER BY 1, 2, 3, 4, 5"))
            .Should().Equal(await Rows(
                """
                SELECT period, sender, receiver, metric, bucket, SUM(count) FROM lead_time_buckets
                GROUP BY 1, 2, 3, 4, 5 HAVING SUM(count) <> 0 ORDER BY 1, 2, 3, 4, 5
                """)).And.NotBeEmpty();
        (await Rows("SELECT period, municipality, metric, bucket, count FROM lead_time_municipalities WHERE count <> 0 ORDER BY 1, 2, 3, 4"))
            .Should().Equal(await Rows(
                """
                SELECT period, municipality, metric, bucket, SUM(count) FROM lead_time_buckets
                GROUP BY 1, 2, 3, 4 HAVING SUM(count) <> 0 ORDER BY 1, 2, 3, 4
                """)).And.NotBeEmpty();
    }

    [Theory]
    [InlineData(null, null, "sender,receiver", "lead_time_pairs")]
    [InlineData(null, "bjz-noord-brabant", "sender,receiver", "lead_time_pairs")]
    [InlineData(null, null, "", "lead_time_pairs")]
    [InlineData(null, null, "municipality,period", "lead_time_municipalities")]
    [InlineData("Tilburg", null, "municipality,period", "lead_time_municipalities")]
    [InlineData("Tilburg", null, "sender,receiver", "lead_time_buckets")]
    [InlineData(null, "bjz-noord-brabant", "municipality,period", "lead_time_buckets")]
    [InlineData(null, null, "municipality,period,age_band", "lead_time_buckets")]
    public void Each_report_reads_the_smallest_bucket_table_that_has_its_columns(string? municipality, string? agency, string groupBy, string table) =>
        ReportQueries.BucketTable(new ReportFilter(Municipality: municipality, Agency: agency), groupBy.Split(',', StringSplitOptions.RemoveEmptyEntries))
            .Should().Be(table);

    [Fact]
    public async Task The_municipality_report_counts_per_month_and_hides_numbers_under_five()
    {
        await MixedDayAsync();

        var report = await _hub.GetJsonAsync("/api/operator/reports?from=2027-03&to=2027-03");
        var row = report["rows"]!.AsArray().Should().ContainSingle().Subject!;
        row["municipality"]!.GetValue<string>().Should().Be("Tilburg");
        row["period"]!.GetValue<string>().Should().Be("2027-03");
        row["submitted"]!.GetValue<long>().Should().Be(8);
        row["rejected"]!.GetValue<string>().Should().Be("<5", "one rejection could point at one child");
        row["rejectedPercent"]!.GetValue<double>().Should().Be(12.5);
        row["receiptMedianWorkingDays"]!.GetValue<string>().Should().Be("<5", "four receipts are too few to show their median");

        var csv = await _hub.Operator.GetAsync("/api/operator/reports?from=2027-03&to=2027-03&format=csv");
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).TrimEnd().Split('\n');
        lines.Should().HaveCount(2);
        lines[1].Should().StartWith("Tilburg,2027-03,8,<5,12.5,");

        (await _hub.Operator.GetAsync("/api/operator/reports?from=March")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _hub.GetJsonAsync("/api/operator/reports?from=2027-04"))["rows"]!.AsArray().Should().BeEmpty();
    }

    /// <summary>Eight handovers in March 2027: receipts, a start of care, a rejection, a withdrawal, and missed deadlines.</summary>
    async Task MixedDayAsync()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 8; i++)
            ids.Add(await _hub.SubmitAsync(Messages.Handover()));
        foreach (var id in ids)
            await _hub.WaitForStateAsync(id, "delivered");
        await _hub.AdvanceAsync("PT3H");
        for (var i = 0; i < 4; i++)
            await _hub.GiveAsync(ids[i], "receipt", "bjz-noord-brabant", "receipt-confirmed");
        await _hub.GiveAsync(ids[0], "care-started", "bjz-noord-brabant", "care-started");
        var rejection = Messages.Feedback("rejection", "bjz-noord-brabant", reason: "not ours");
        (await _hub.FeedbackAsync(ids[4], rejection)).EnsureSuccessStatusCode();
        await _hub.WaitForStateAsync(ids[4], "rejected");
        await _hub.GiveAsync(ids[5], "withdrawal", "school-de-regenboog", "withdrawn");
        // The last two miss their receipt; level 1, then level 2.
        await _hub.AdvanceAsync("P5D");
        await _hub.WaitForViewAsync(ids[7], v => v["escalations"]!.AsArray().Count == 2);
        await _hub.WaitForViewAsync(ids[6], v => v["escalations"]!.AsArray().Count == 2);
    }

    sealed record Snapshot(List<string> Counts, List<string> Buckets, List<string> Pairs, List<string> Municipalities, List<string> Escalations);

    static async Task<Snapshot> SnapshotAsync(HubDatabase database)
    {
        await using var connection = await database.OpenAsync();
        // The change count of a cell's buckets counts how they got there (a step that moves a bucket adds two), not what they hold.
        async Task<List<string>> Rows(string sql) =>
            (await connection.QueryAsync(sql)).Cast<IDictionary<string, object?>>()
            .Select(r => string.Join("|", r.Where(c => c.Key != LeadTimeCells.ChangeColumn).Select(c => c.Value))).ToList();
        return new Snapshot(
            await Rows("SELECT * FROM report_counts ORDER BY period, municipality, sender, receiver, age_band"),
            await Rows("SELECT * FROM lead_time_buckets WHERE count <> 0 ORDER BY period, municipality, sender, receiver, age_band, metric, bucket"),
            await Rows("SELECT * FROM lead_time_pairs WHERE count <> 0 ORDER BY period, sender, receiver, metric, bucket"),
            await Rows("SELECT * FROM lead_time_municipalities WHERE count <> 0 ORDER BY period, municipality, metric, bucket"),
            await Rows("SELECT * FROM open_escalations ORDER BY handover_id, level, deadline_kind"));
    }
}
