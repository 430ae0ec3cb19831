using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Hub.Http;

/// <summary>
/// Calls with a JSON body accept application/json and application/*+json only, else 415 (API.md): a browser
/// form (text/plain, form-urlencoded, multipart) can then never post a handover on a user's behalf.
/// </summary>
public static class JsonBodyOnly
{
    /// <param name="emptyAllowed">the call also takes no body at all (an operator's replay of the original).</param>
    public static TBuilder RequireJsonBody<TBuilder>(this TBuilder builder, bool emptyAllowed = false) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Metadata()).AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.Request;
            var empty = request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any());
            if (emptyAllowed && empty)
                return await next(context).ConfigureAwait(false);
            return IsJson(request.ContentType)
                ? await next(context).ConfigureAwait(false)
                : Problems.UnsupportedMediaType("application/json");
        });

    /// <summary>Says on the endpoint that it takes JSON only, so its API description lists the 415.</summary>
    public sealed class Metadata;

    public static bool IsJson(string? contentType)
    {
        if (contentType is null || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media))
            return false;
        var type = media.MediaType.Value ?? "";
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
