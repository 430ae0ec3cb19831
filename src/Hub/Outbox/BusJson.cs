using System.Text.Json;
using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Hub.Outbox;

/// <summary>How outbox rows are serialised, and which types they may name: only the hub's own messages (Contracts.Messages).</summary>
public static class BusJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    static readonly Dictionary<string, Type> Known = typeof(AgencyMail).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(AgencyMail).Namespace && t is { IsClass: true, IsAbstract: false, IsPublic: true })
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static Type TypeOf(string name) =>
        Known.TryGetValue(name, out var type) ? type : throw new InvalidOperationException($"outbox names unknown message type '{name}'");

    public static object Deserialize(OutgoingMessage row) =>
        JsonSerializer.Deserialize(row.Body, TypeOf(row.MessageType), Options)
        ?? throw new InvalidOperationException($"outbox message {row.MessageId} has an empty body");
}
