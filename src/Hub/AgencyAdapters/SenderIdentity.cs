using System.Text.Json.Nodes;
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
            if (claimed != agencyId)
                problems.Add(new ValidationProblem(path,
                    $"message {index} names another agency than its sender '{agencyId}', which may only act as itself"));
        }
        return problems;
    }

    static string? Field(string json, string party)
    {
        try
        {
            return JsonNode.Parse(json)?[party]?["agencyId"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
