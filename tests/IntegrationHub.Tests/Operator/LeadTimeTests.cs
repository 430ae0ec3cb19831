using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Operator;

/// <summary>Lead times and deadline compliance on handovers whose every step is timed by the simulated clock.</summary>
public class LeadTimeTests
{
    [Fact]
    public async Task Lead_times_and_compliance_of_one_agency_pair()
    {
        await using var hub = await OperatorHub.StartAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
            ids.Add(await hub.SubmitAsync(Messages.Handover("jgz-tilburg", "cjg-tilburg")));
        foreach (var id in ids)
            await hub.WaitForStateAsync(id, "delivered");

        // Receipts 4, 8 and 12 hours after delivery; the fourth never comes.
        for (var i = 0; i < 3; i++)
        {
            await hub.AdvanceAsync("PT4H");
            await hub.GiveAsync(ids[i], "receipt", "cjg-tilburg", "receipt-confirmed");
        }
        // Care starts 20 and 40 hours after receipt for the first two (t0+24h and t0+48h).
        await hub.AdvanceAsync("PT12H");
        await hub.GiveAsync(ids[0], "care-started", "cjg-tilburg", "care-started");
        await hub.AdvanceAsync("PT24H");
        await hub.GiveAsync(ids[1], "care-started", "cjg-tilburg", "care-started");
        // Saturday: the fourth's receipt deadline (Wednesday 09:00) has been missed.
        await hub.AdvanceAsync("P3D");
        await hub.WaitForViewAsync(ids[3], v => v["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "receipt")!["missedAt"] is not null);

        var report = await hub.GetJsonAsync("/api/operator/lead-times");

        var pair = report["items"]!.AsArray().Single()!;
        pair["sender"]!.GetValue<string>().Should().Be("jgz-tilburg");
        pair["receiver"]!.GetValue<string>().Should().Be("cjg-tilburg");
        pair["handovers"]!.GetValue<int>().Should().Be(4);
        // Read from the read model's buckets (2 % wide): the median and p90 are those of the counted values, within 2 %.
        var receipt = pair["deliveryToReceipt"]!;
        receipt["count"]!.GetValue<long>().Should().Be(3);
        receipt["medianHours"]!.GetValue<double>().Should().BeApproximately(8.0, 0.16);
        receipt["p90Hours"]!.GetValue<double>().Should().BeApproximately(12.0, 0.24);
        // Delivered Monday 09:00; receipts at 13:00, 17:00, 21:00: a third of a working day is the median.
        receipt["medianWorkingDays"]!.GetValue<double>().Should().BeApproximately(8.0 / 24, 0.01);
        var care = pair["receiptToCareStarted"]!;
        care["count"]!.GetValue<long>().Should().Be(2);
        care["medianHours"]!.GetValue<double>().Should().BeApproximately(20.0, 0.4);
        care["p90Hours"]!.GetValue<double>().Should().BeApproximately(40.0, 0.8);
        // Due: 4 receipts (3 met on time, 1 missed) and the 2 care starts (met); the third's care start is not due yet.
        // The hub's own delivery term measures the hub, not the pair: it is not in the pair's compliance.
        pair["deadlinesDue"]!.GetValue<int>().Should().Be(6);
        pair["deadlinesMetOnTime"]!.GetValue<int>().Should().Be(5);
        pair["compliancePercent"]!.GetValue<double>().Should().Be(83.3);
        report["overall"]!["deadlinesDue"]!.GetValue<int>().Should().Be(6);
    }

    [Fact]
    public void Percentiles_from_buckets_are_within_two_percent()
    {
        var values = Enumerable.Range(1, 1000).Select(i => i * 0.37).ToList();
        var buckets = values.GroupBy(IntegrationHub.Hub.Reports.LeadTimeBuckets.Of).Select(g => (g.Key, (long)g.Count())).ToList();
        IntegrationHub.Hub.Reports.LeadTimeBuckets.Percentile(buckets, 50)!.Value.Should().BeApproximately(values[499], values[499] * 0.02);
        IntegrationHub.Hub.Reports.LeadTimeBuckets.Percentile(buckets, 90)!.Value.Should().BeApproximately(values[899], values[899] * 0.02);
        IntegrationHub.Hub.Reports.LeadTimeBuckets.Percentile([], 50).Should().BeNull();
    }

}
