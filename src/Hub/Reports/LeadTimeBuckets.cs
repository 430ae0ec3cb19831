namespace IntegrationHub.Hub.Reports;

/// <summary>
/// Lead times are counted in buckets whose width grows with the value (log-linear, 2 % each), so the report
/// tables stay small at any volume and a median or p90 read from them is within about 1 % of the exact one.
/// Bucket 0 holds everything up to <see cref="Floor"/> (a few minutes or less).
/// </summary>
public static class LeadTimeBuckets
{
    const double Floor = 0.01;
    const double Growth = 1.02;
    static readonly double LogGrowth = Math.Log(Growth);

    public static int Of(double value) => value <= Floor ? 0 : 1 + (int)Math.Floor(Math.Log(value / Floor) / LogGrowth);

    public static double Lower(int bucket) => bucket == 0 ? 0 : Floor * Math.Pow(Growth, bucket - 1);

    public static double Upper(int bucket) => Floor * Math.Pow(Growth, bucket);

    /// <summary>The value of <paramref name="rank"/> in <paramref name="bucket"/>, which holds <paramref name="count"/> values above <paramref name="below"/> others: interpolated linearly.</summary>
    public static double Within(int bucket, long count, long below, double rank)
    {
        var within = count == 0 ? 0 : Math.Clamp((rank - below) / count, 0, 1);
        return Lower(bucket) + within * (Upper(bucket) - Lower(bucket));
    }

    /// <summary>The <paramref name="percentile"/>th value of the counted ones, interpolated within its bucket.</summary>
    public static double? Percentile(IReadOnlyList<(int Bucket, long Count)> counts, double percentile)
    {
        var sorted = counts.OrderBy(c => c.Bucket).ToList();
        return Percentile(sorted.Select(c => c.Bucket).ToArray(), sorted.Select(c => c.Count).ToArray(), percentile);
    }

    /// <summary>The same, of counts already in bucket order (the reports' kept cells: no sorting, nothing allocated).</summary>
    public static double? Percentile(ReadOnlySpan<int> buckets, ReadOnlySpan<long> counts, double percentile)
    {
        long total = 0;
        foreach (var count in counts)
            total += count;
        if (total == 0)
            return null;
        var rank = percentile / 100 * total;
        long below = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            if (below + counts[i] >= rank)
                return Within(buckets[i], counts[i], below, rank);
            below += counts[i];
        }
        return Upper(buckets[^1]);
    }
}
