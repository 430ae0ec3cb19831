using System.Globalization;
using System.Text.Json;

namespace IntegrationHub.Hub.Language;

/// <summary>
/// Everything the hub says to people (dashboard, CLI, notice wording), Dutch first (nl, the default and the
/// fallback) and English second (en): one flat catalog per language, embedded from Language/Texts/*.json.
/// Domain words as the chain uses them (overdracht, ontvangstbevestiging, start zorg, opschaling, terugkoppeling).
/// </summary>
public sealed class TextCatalog
{
    public const string Dutch = "nl";
    public const string English = "en";
    public static readonly IReadOnlyList<string> Languages = [Dutch, English];

    public static TextCatalog Instance { get; } = new();

    readonly Dictionary<string, IReadOnlyDictionary<string, string>> _texts = Languages.ToDictionary(l => l, Load);

    /// <summary>"nl", "nl-NL", "en-GB" ... to a language the hub speaks; anything else is null.</summary>
    public static string? Supported(string? tag)
    {
        var language = tag?.Split('-', '_')[0].Trim().ToLowerInvariant();
        return language is not null && Languages.Contains(language) ? language : null;
    }

    /// <summary>The language of the current UI culture (set per request by the localization middleware), Dutch when it names none.</summary>
    public static string Current => Supported(CultureInfo.CurrentUICulture.Name) ?? Dutch;

    public string Get(string key, string language) =>
        _texts.GetValueOrDefault(language)?.GetValueOrDefault(key) ?? _texts[Dutch].GetValueOrDefault(key) ?? key;

    public string Format(string key, string language, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Get(key, language), args);

    /// <summary>Every text of one language whose key starts with <paramref name="prefix"/> (the dashboard's script gets these).</summary>
    public IReadOnlyDictionary<string, string> WithPrefix(string language, params string[] prefixes) =>
        _texts[Dutch].Keys.Where(k => prefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal)))
            .ToDictionary(k => k, k => Get(k, language), StringComparer.Ordinal);

    public IReadOnlyCollection<string> Keys(string language) => _texts[language].Keys.ToList();

    static IReadOnlyDictionary<string, string> Load(string language)
    {
        using var stream = typeof(TextCatalog).Assembly.GetManifestResourceStream($"IntegrationHub.Hub.Language.Texts.{language}.json")
            ?? throw new InvalidOperationException($"the {language} texts are missing from the build");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
    }
}
