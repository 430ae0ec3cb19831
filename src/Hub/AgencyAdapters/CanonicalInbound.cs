using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Adapters;

namespace IntegrationHub.Hub.AgencyAdapters;

/// <summary>
/// The "adapter" for agencies whose directory format is canonical: the body already is a handover, or
/// feedback when it carries both a handoverId and a kind. Validation is left to the intake.
/// </summary>
public static class CanonicalInbound
{
    public static InboundResult Read(ReadOnlyMemory<byte> body, AdapterContext context)
    {
        if (body.Length > context.MaxBodyBytes)
            return InboundResult.Unreadable("/", $"is {body.Length} bytes; at most {context.MaxBodyBytes} are accepted");
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(body.Span) as JsonObject;
        }
        catch (JsonException e)
        {
            return InboundResult.Unreadable("/", $"is not JSON: {e.Message}");
        }
        if (root is null)
            return InboundResult.Unreadable("/", "is not a JSON object");
        var json = Encoding.UTF8.GetString(body.Span);
        if (root["kind"] is JsonValue && root["handoverId"] is JsonValue idValue)
        {
            if (!idValue.TryGetValue<string>(out var text) || !Guid.TryParse(text, out var handoverId))
                return InboundResult.Invalid([new("/handoverId", "is not a UUID")]);
            return InboundResult.Of(new InboundFeedback(handoverId, json));
        }
        return InboundResult.Of(new InboundHandover(json));
    }
}
