using System.Runtime.InteropServices;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace IntegrationHub.Adapters.Bjz.Xml;

/// <summary>
/// Reads untrusted bytes into a document without letting them reach the file system or the network
/// (XXE) or blow up in memory (entity expansion, endless nesting, huge bodies). Never throws on bad input.
/// </summary>
static class HardenedXmlLoader
{
    /// <summary>The BJZ format nests at most six levels; anything near this is an attack, not an export.</summary>
    public const int MaxDepth = 32;

    /// <summary>Only the predefined entities (&amp;amp; etc.) can occur without a DTD; this bounds them anyway.</summary>
    const long MaxCharactersFromEntities = 1024;

    static HardenedXmlLoader() =>
        // BJZ case systems commonly export windows-1252; the framework only knows it once the provider is registered.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static LoadedXml Load(ReadOnlyMemory<byte> body, int maxBodyBytes)
    {
        if (body.Length > maxBodyBytes)
            return LoadedXml.Refused($"the body is {body.Length} bytes; at most {maxBodyBytes} bytes are accepted (attachments travel by reference)");
        if (body.IsEmpty)
            return LoadedXml.Refused("the body is empty; expected an XML document");

        var settings = Settings(maxBodyBytes);
        XmlReader? reader = null;
        try
        {
            // First pass streams and checks nesting before any tree is built; the second builds it.
            reader = XmlReader.Create(Open(body), settings);
            while (reader.Read())
            {
                if (reader.Depth > MaxDepth)
                    return LoadedXml.Refused($"elements nest deeper than {MaxDepth} levels{At(reader)}");
            }
            reader.Dispose();
            reader = XmlReader.Create(Open(body), settings);
            return new LoadedXml(XDocument.Load(reader, LoadOptions.SetLineInfo), null);
        }
        catch (XmlException e)
        {
            var where = e.LineNumber > 0 ? $" (line {e.LineNumber}, column {e.LinePosition})" : At(reader);
            return LoadedXml.Refused(Explain(e, where, body.Span));
        }
        catch (Exception e) when (e is DecoderFallbackException or ArgumentException or NotSupportedException)
        {
            // Unknown encoding names and undecodable bytes can surface outside XmlException.
            return LoadedXml.Refused($"cannot be decoded as {DeclaredEncoding.Of(body.Span)}{At(reader)}: {BjzSchema.WithoutValues(e.Message)}");
        }
        finally
        {
            reader?.Dispose();
        }
    }

    static XmlReaderSettings Settings(int maxBodyBytes) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = MaxCharactersFromEntities,
        MaxCharactersInDocument = maxBodyBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    static MemoryStream Open(ReadOnlyMemory<byte> body) =>
        MemoryMarshal.TryGetArray(body, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(body.ToArray(), writable: false);

    /// <summary>The framework's messages are right but generic; these are the cases a sender must act on differently.</summary>
    static string Explain(XmlException e, string where, ReadOnlySpan<byte> body)
    {
        if (e.Message.Contains("DTD", StringComparison.Ordinal))
            return $"DTDs are not accepted: the document has a <!DOCTYPE>{(where.Length > 0 ? where : DoctypeAt(body))}. Entity declarations can read local files " +
                   "or expand without bound (XXE, billion laughs); send the document without a DOCTYPE";
        if (e.InnerException is ArgumentException and not DecoderFallbackException)
            return $"the XML declaration names encoding '{DeclaredEncoding.Of(body)}', which is not supported{where}; " +
                   "use UTF-8 (UTF-16, ISO-8859-1 and windows-1252 are accepted too)";
        if (e.Message.Contains("encoding", StringComparison.OrdinalIgnoreCase) || e.InnerException is DecoderFallbackException)
            return $"the bytes are not valid {DeclaredEncoding.Of(body)}, the encoding the document declares{where}; " +
                   "re-encode the document or correct its XML declaration";
        if (e.Message.Contains("exceeds", StringComparison.OrdinalIgnoreCase))
            return $"the document is too large or expands too far{where}: {BjzSchema.WithoutValues(e.Message)}";
        return $"is not well-formed XML: {BjzSchema.WithoutValues(e.Message)}";
    }

    /// <summary>The reader gives up on a DOCTYPE without a position; the prolog is plain ASCII, so count bytes.</summary>
    static string DoctypeAt(ReadOnlySpan<byte> body)
    {
        var at = body.IndexOf("<!DOCTYPE"u8);
        if (at < 0)
            return "";
        var before = body[..at];
        return $" (line {before.Count((byte)'\n') + 1}, column {at - before.LastIndexOf((byte)'\n')})";
    }

    static string At(XmlReader? reader) =>
        reader is IXmlLineInfo info && info.HasLineInfo() && info.LineNumber > 0 ? $" (line {info.LineNumber}, column {info.LinePosition})" : "";
}
