using System.Buffers;
using System.Text;

namespace IntegrationHub.Adapters;

/// <summary>Where bytes stop being UTF-8, so an adapter can say which byte and whether the body was cut off.</summary>
public static class Utf8Check
{
    /// <summary>The offset of the first invalid sequence (-1 when all valid), and whether it is a cut-off one at the end.</summary>
    public static (int Offset, bool Incomplete) FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            var status = Rune.DecodeFromUtf8(bytes[i..], out _, out var consumed);
            if (status == OperationStatus.NeedMoreData)
                return (i, true);
            if (status != OperationStatus.Done)
                return (i, false);
            i += consumed;
        }
        return (-1, false);
    }
}
