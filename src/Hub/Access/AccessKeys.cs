using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Hub.Access;

/// <summary>
/// The API keys of configuration section Hub:Access: Operators and Auditors (lists), and
/// Agencies:{agencyId} (one key or a list) for agency systems. Read on every check, so a reloaded
/// configuration takes effect without a restart.
/// </summary>
public sealed class AccessKeys(IConfiguration configuration)
{
    public const string Section = "Hub:Access";

    /// <summary>What a presented key is: a role, an agency system, or nothing known.</summary>
    public KeyHolder Identify(string presented)
    {
        var section = configuration.GetSection(Section);
        // Every list is checked in full, whatever matches, so the time taken says nothing about which list held the key.
        var isOperator = AnyMatches(Keys(section.GetSection("Operators")), presented);
        var isAuditor = AnyMatches(Keys(section.GetSection("Auditors")), presented);
        string? agency = null;
        foreach (var agencySection in section.GetSection("Agencies").GetChildren())
            if (AnyMatches(Keys(agencySection), presented))
                agency ??= agencySection.Key;
        return new KeyHolder(isOperator, isAuditor, agency);
    }

    /// <summary>A list (Operators:0, Operators:1) or a single value; blank keys never count.</summary>
    static List<string> Keys(IConfigurationSection section)
    {
        var keys = section.GetChildren().Select(c => c.Value).ToList();
        if (section.Value is not null)
            keys.Add(section.Value);
        return keys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k!).ToList();
    }

    static bool AnyMatches(IEnumerable<string> keys, string presented)
    {
        var match = false;
        foreach (var key in keys)
            match |= FixedTimeEquals(key, presented);
        return match;
    }

    /// <summary>Compares hashes so neither the content nor the length of a configured key leaks through timing.</summary>
    internal static bool FixedTimeEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)),
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}

public sealed record KeyHolder(bool IsOperator, bool IsAuditor, string? Agency)
{
    public bool IsKnown => IsOperator || IsAuditor || Agency is not null;

    public bool Holds(HubRole role) => role == HubRole.Operator ? IsOperator : IsAuditor;
}
