using System.Text.Json.Serialization;

namespace IntegrationHub.Adapters.Jgz.Fhir;

public sealed record Bundle : Resource
{
    [JsonIgnore] public override string TypeName => "Bundle";
    public Identifier? Identifier { get; init; }
    /// <summary>transaction, collection, batch, message...</summary>
    public string? Type { get; init; }
    public string? Timestamp { get; init; }
    public List<BundleEntry>? Entry { get; init; }
}

public sealed record BundleEntry
{
    public string? FullUrl { get; init; }
    public Resource? Resource { get; init; }
    public BundleRequest? Request { get; init; }
}

public sealed record BundleRequest
{
    public string? Method { get; init; }
    public string? Url { get; init; }
    public string? IfNoneExist { get; init; }
}
