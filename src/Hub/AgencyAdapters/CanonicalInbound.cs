using System.Text;
using System.Text.Json;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Hub.AgencyAdapters;

/// <summary>
/// The "adapter" for agencies whose directory format is canonical: the body already is a handover, or
/// feedback when it carries both a handoverId and a kind. It must be UTF-8 and one unambiguous JSON
/// object (<see cref="JsonReadability"/>); validation of its content is left to the intake.
/// </summary>
public static class CanonicalInbound
{
    public static InboundResult Read(ReadOnlyMemory<byte> body, AdapterContext context)
    {
        if (body.Length > context.MaxBodyBytes)
            return InboundResult.Unreadable("/", $"is {body.Length} bytes; at most {context.MaxBodyBytes} are accepted");
        var utf8 = body.Span.StartsWith(Encoding.UTF8.Preamble) ? body[Encoding.UTF8.Preamble.Length..] : body;
        if (Utf8Check.FirstInvalid(utf8.Span) is (>= 0 and var offset, _))
            return InboundResult.Unreadable("/", $"is not valid UTF-8 (offset {offset}); send the JSON as UTF-8");
        if (JsonReadability.Check(utf8) is { Count: > 0 } unreadable)
            return new InboundResult { Malformed = true, Problems = unreadable };

        using var document = JsonDocument.Parse(utf8, JsonReadability.DocumentOptions);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            return InboundResult.Unreadable("/", "is not a JSON object");
        var json = Encoding.UTF8.GetString(utf8.Span);
        if (IsValue(root, "kind", out _) && IsValue(root, "handoverId", out var idValue))
        {
            if (idValue.ValueKind != JsonValueKind.String || !Guid.TryParse(idValue.GetString(), out var handoverId))
                return InboundResult.Invalid([new("/handoverId", "is not a UUID")]);
            return InboundResult.Of(new InboundFeedback(handoverId, json));
        }
        return InboundResult.Of(new InboundHandover(json));
    }

    static bool IsValue(JsonElement root, string name, out JsonElement value) =>
        root.TryGetProperty(name, out value) && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null);
}
