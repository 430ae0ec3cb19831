using System.Text.Json.Nodes;
using IntegrationHub.Hub.Operator;
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
        await hub.WaitForViewAsync(ids[3], v => v["deadlines"]![0]!["missedAt"] is not null);

        var report = await hub.GetJsonAsync("/api/operator/lead-times");

        var pair = report["items"]!.AsArray().Single()!;
        pair["sender"]!.GetValue<string>().Should().Be("jgz-tilburg");
        pair["receiver"]!.GetValue<string>().Should().Be("cjg-tilburg");
        pair["handovers"]!.GetValue<int>().Should().Be(4);
        Hours(pair["deliveryToReceipt"]!).Should().Be((3, 8.0, 11.2));
        Hours(pair["receiptToCareStarted"]!).Should().Be((2, 30.0, 38.0));
        // Due: 4 receipts (3 met on time, 1 missed) and the 2 care starts (met); the third's care start is not due yet.
        pair["deadlinesDue"]!.GetValue<int>().Should().Be(6);
        pair["deadlinesMetOnTime"]!.GetValue<int>().Should().Be(5);
        pair["compliancePercent"]!.GetValue<double>().Should().Be(83.3);
        report["overall"]!["deadlinesDue"]!.GetValue<int>().Should().Be(6);
    }

    [Fact]
    public void Percentiles_interpolate_between_ranks()
    {
        Percentiles.Of([4, 8, 12], 50).Should().Be(8);
        Percentiles.Of([4, 8, 12], 90).Should().BeApproximately(11.2, 1e-9);
        Percentiles.Of([5], 90).Should().Be(5);
        Percentiles.Of([], 50).Should().BeNull();
    }

    static (int, double?, double?) Hours(JsonNode lead) =>
        (lead["count"]!.GetValue<int>(), lead["medianHours"]?.GetValue<double>(), lead["p90Hours"]?.GetValue<double>());
}
