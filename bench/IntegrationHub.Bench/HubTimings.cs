using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace IntegrationHub.Bench;

/// <summary>
/// The hub's own mean time per HTTP call and per saga step over a whole run (warm-up included), read from its /metrics:
/// what a handover's submit-to-mail time is made of.
/// </summary>
static class HubTimings
{
    // Labels up to the last brace: route templates such as /api/handovers/{id:guid}/feedback hold braces of their own.
    static readonly Regex Line = new(@"^(integrationhub_step_duration_seconds|http_request_duration_seconds)_(sum|count)\{(.*)\} ([0-9.eE+-]+)$");
    static readonly Regex Label = new("(step|method|endpoint|code)=\"([^\"]*)\"");

    public static async Task<string> ReadAsync(string address, string operatorKey)
    {
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", operatorKey);
        var metrics = await http.GetStringAsync("/metrics");
        var sums = new Dictionary<string, (double Sum, double Count)>();
        foreach (var line in metrics.Split('\n'))
        {
            var match = Line.Match(line.Trim());
            if (!match.Success)
                continue;
            var labels = string.Join(" ", Label.Matches(match.Groups[3].Value).Select(m => m.Groups[2].Value));
            var key = $"{(match.Groups[1].Value.StartsWith("http", StringComparison.Ordinal) ? "http" : "step")} {labels}";
            var value = double.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture);
            var (sum, count) = sums.GetValueOrDefault(key);
            sums[key] = match.Groups[2].Value == "sum" ? (sum + value, count) : (sum, count + value);
        }
        var text = new StringBuilder("\nThe hub's mean time per call and per saga step (its /metrics, whole run, warm-up included):\n```\n");
        foreach (var (key, (sum, count)) in sums.Where(e => e.Value.Count > 0).OrderBy(e => e.Key))
            text.AppendLine(CultureInfo.InvariantCulture, $"{key,-72} {count,8:0} x {1000 * sum / count,8:0.0} ms");
        return text.Append("```\n").ToString();
    }
}
