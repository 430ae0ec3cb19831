using System.Text.Json;
using IntegrationHub.Hub.Handover;

namespace IntegrationHub.Hub.Persistence.Sagas;

/// <summary>The one stored form of a handover's saga state (<c>handovers.data</c>): written by the repository, read by everyone.</summary>
public static class SagaJson
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(HandoverState state) => JsonSerializer.Serialize(state, Options);

    public static HandoverState Read(string json) =>
        JsonSerializer.Deserialize<HandoverState>(json, Options) ?? throw new InvalidDataException("a saga row holds no state");
}
