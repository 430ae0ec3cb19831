using Dapper;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Reports;

namespace IntegrationHub.Tests.Reports;

/// <summary>What the reports' lead times must be: every bucket of the full table summed per group, percentiles taken from that.</summary>
public static class EveryBucket
{
    public static async Task<Dictionary<(string Group, string Metric), Spread>> SpreadsAsync(HubDatabase database, IReadOnlyList<string> groupBy,
        string where = "1 = 1")
    {
        await using var connection = await database.OpenAsync();
        var key = groupBy.Count == 0 ? "''" : string.Join(" || '\u0001' || ", groupBy);
        var buckets = (await connection.QueryAsync<(string Group, string Metric, long Bucket, long Count)>(
                $"SELECT {key}, metric, bucket, SUM(count) FROM lead_time_buckets WHERE {where} GROUP BY {key}, metric, bucket HAVING SUM(count) <> 0"))
            .ToLookup(b => (b.Group, b.Metric), b => ((int)b.Bucket, b.Count));
        return buckets.ToDictionary(g => g.Key, g => new Spread(g.Sum(b => b.Count),
            LeadTimeBuckets.Percentile(g.ToList(), 50), LeadTimeBuckets.Percentile(g.ToList(), 90)));
    }
}
