namespace IntegrationHub.Hub.ApiReference;

/// <summary>GET /schemas/{file}: the contract's JSON schemas, exactly the ones intake validates with (embedded in the Contracts assembly).</summary>
static class ContractSchemaFiles
{
    public static readonly string[] Files = ["handover.schema.json", "feedback.schema.json", "signal.schema.json"];

    public static IResult Serve(string file, HttpContext http)
    {
        if (!Files.Contains(file))
            return Results.NotFound();
        var stream = typeof(Contracts.Validation.ContractSchemas).Assembly.GetManifestResourceStream($"IntegrationHub.Contracts.Schemas.{file}");
        if (stream is null)
            return Results.NotFound();
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Stream(stream, "application/schema+json");
    }
}
