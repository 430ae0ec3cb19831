using System.Text;
using System.Text.RegularExpressions;

namespace IntegrationHub.Tests.Support;

/// <summary>
/// The adapters' golden inbound files as an agency system would send them, with the few edits tests need
/// (a broken BSN, the hub's handover id in feedback, fresh message numbers so one hub accepts several).
/// </summary>
public static class AgencySamples
{
    /// <summary>After every date in the golden files (BRIEF §9: two months after the ZAT referral).</summary>
    public static readonly DateTimeOffset Now = new(2027, 2, 1, 9, 0, 0, TimeSpan.Zero);

    public static byte[] JgzKevinBundle() => Golden("Jgz", "inbound-handover-kevin.bundle.json");

    public static byte[] SchoolKevinZat() => Golden("School", "kevin-zat-verwijzing.csv");

    public static byte[] BjzHandoverToCjg() => Golden("Bjz", "inbound", "overdracht-bjz-naar-cjg.xml");

    public static byte[] VhhHenkCareReport() => Golden("Veiligheidshuis", "henk-zorgmelding.json");

    /// <summary>The same message with the subject's BSN failing the 11-check.</summary>
    public static byte[] WithBadBsn(byte[] sample, string bsn) => Replace(sample, bsn, "123456789", once: true);

    /// <summary>BJZ feedback (terugkoppeling-ontvangst/-start-zorg/-afwijzing) on the hub's handover, without its fixed time.</summary>
    public static byte[] BjzFeedback(string golden, Guid handoverId)
    {
        var xml = Encoding.UTF8.GetString(Golden("Bjz", "inbound", golden));
        xml = Regex.Replace(xml, "<OverdrachtId>[^<]*</OverdrachtId>", $"<OverdrachtId>{handoverId}</OverdrachtId>");
        xml = Regex.Replace(xml, "<BerichtId>[^<]*</BerichtId>", $"<BerichtId>BJZ-TEST-{Guid.NewGuid():N}</BerichtId>");
        xml = Regex.Replace(xml, @"\s*<Tijdstip>[^<]*</Tijdstip>", "");
        return Encoding.UTF8.GetBytes(xml);
    }

    static byte[] Golden(string adapter, params string[] file) =>
        File.ReadAllBytes(RepoFiles.Path(["tests", "IntegrationHub.Tests", "Adapters", adapter, "Golden", .. file]));

    static byte[] Replace(byte[] sample, string from, string to, bool once)
    {
        var text = Encoding.UTF8.GetString(sample);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        if (at < 0)
            throw new InvalidOperationException($"'{from}' is not in the sample");
        text = once ? text[..at] + to + text[(at + from.Length)..] : text.Replace(from, to);
        return Encoding.UTF8.GetBytes(text);
    }
}
