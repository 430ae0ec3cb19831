using Microsoft.AspNetCore.Http.Features;

namespace IntegrationHub.Hub.Http;

/// <summary>
/// Reads a request body as bytes in chunks up to a limit. Over the limit the rest is read and thrown away
/// (up to <see cref="DrainLimit"/>), never kept: a client still sending would otherwise see a broken
/// connection instead of the 413 that names the limit.
/// </summary>
public static class BoundedBody
{
    /// <summary>Beyond this an oversized body is not even drained; the connection is closed on the client.</summary>
    public const long DrainLimit = 64L * 1024 * 1024;

    /// <summary>The body, or null when it is larger than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } cap)
            cap.MaxRequestBodySize = DrainLimit;
        if (request.ContentLength > DrainLimit)
            return Refuse(request);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        var tooLarge = request.ContentLength > limit;
        int read;
        long total = 0;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                tooLarge |= total > limit;
                if (!tooLarge)
                    buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException) when (tooLarge)
        {
            // Past the drain limit: answer anyway, the connection closes.
        }
        return tooLarge ? Refuse(request) : buffer.ToArray();
    }

    static byte[]? Refuse(HttpRequest request)
    {
        request.HttpContext.Response.Headers.Connection = "close";
        return null;
    }
}
