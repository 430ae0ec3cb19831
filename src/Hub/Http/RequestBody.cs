using System.Text;

namespace IntegrationHub.Hub.Http;

/// <summary>Reads a request body as UTF-8 text within a size limit, so a huge body is refused, not buffered.</summary>
public static class RequestBody
{
    public const int MaxJsonBytes = 1024 * 1024;

    public static async Task<string?> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxJsonBytes)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxJsonBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return new UTF8Encoding(false, throwOnInvalidBytes: false).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
