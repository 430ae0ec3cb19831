using System.Text.Json;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Hub.AgencyAdapters;

/// <summary>
/// An agency acts only as itself (API.md, Identity): every message in what agency X sent, through its
/// credential over HTTP or its own inbound exchange on the broker, must be sent or given by X.
/// Anything else is someone speaking for another agency.
/// </summary>
public static class SenderIdentity
{
    public static IReadOnlyList<ValidationProblem> Check(IEnumerable<InboundMessage> messages, string agencyId)
    {
        var problems = new List<ValidationProblem>();
        var index = 0;
        foreach (var message in messages)
        {
            index++;
            var (path, claimed) = message is InboundFeedback
                ? ("/by/agencyId", Field(message.CanonicalJson, "by"))
                : ("/sender/agencyId", Field(message.CanonicalJson, "sender"));
            // A message without a readable sender is not speaking for anyone: the validator names what is missing.
            if (claimed is not null && claimed != agencyId)
                problems.Add(new ValidationProblem(path,
                    $"message {index} names another agency than its sender '{agencyId}', which may only act as itself"));
        }
        return problems;
    }

    /// <summary>The party's agencyId when the JSON has one as a string; any other shape is for the validator to name.</summary>
    static string? Field(string json, string party)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty(party, out var p) && p.ValueKind == JsonValueKind.Object
                && p.TryGetProperty("agencyId", out var id) && id.ValueKind == JsonValueKind.String
                    ? id.GetString()
                    : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
