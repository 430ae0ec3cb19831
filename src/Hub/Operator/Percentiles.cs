namespace IntegrationHub.Hub.Operator;

/// <summary>Median and p90 by linear interpolation between closest ranks (as a spreadsheet's PERCENTILE.INC).</summary>
public static class Percentiles
{
    public static double? Of(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0)
            return null;
        var sorted = values.Order().ToList();
        var rank = percentile / 100.0 * (sorted.Count - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
