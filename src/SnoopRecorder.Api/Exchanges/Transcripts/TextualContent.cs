using System.Text;
using Microsoft.Net.Http.Headers;

namespace SnoopRecorder.Api.Exchanges.Transcripts;

/// <summary>Tells textual bodies, shown in a transcript, from binary ones, summarised.</summary>
internal static class TextualContent
{
    // Enough to judge by, as browsers sniff a prefix; a large body is not scanned whole.
    private const int SniffedBytes = 64 * 1024;

    private static readonly HashSet<string> TextualApplicationTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "json", "xml", "javascript", "x-javascript", "ecmascript", "x-ecmascript", "x-www-form-urlencoded", "graphql",
        "yaml", "x-yaml", "x-ndjson",
    };

    private static readonly string[] TextualSuffixes = ["+json", "+xml", "+yaml"];

    /// <summary>
    /// True for text/*, JSON, XML, YAML, form data and JavaScript, and for anything else whose bytes are valid UTF-8
    /// without control characters.
    /// </summary>
    public static bool IsTextual(string? contentType, ReadOnlySpan<byte> data) => IsTextualType(contentType) || LooksLikeText(data);

    /// <summary>The media type without parameters (<c>image/png</c>), or null when there is none.</summary>
    public static string? MediaTypeOf(string? contentType) =>
        contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.Value : null;

    /// <summary>The charset the message names, when it names one this runtime knows; else UTF-8.</summary>
    public static Encoding EncodingOf(string? contentType) =>
        contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.Encoding is { } encoding
            ? encoding
            : Encoding.UTF8;

    public static bool IsTextualType(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return false;
        }

        var type = parsed.Type.Value ?? "";
        var subtype = parsed.SubType.Value ?? "";
        if (type.Equals("text", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (TextualSuffixes.Any(s => subtype.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return type.Equals("application", StringComparison.OrdinalIgnoreCase) && TextualApplicationTypes.Contains(subtype);
    }

    /// <summary>
    /// Valid UTF-8 (a sequence cut by the end of the sniffed bytes is fine) with no control characters but tab, line
    /// breaks and form feed.
    /// </summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> data)
    {
        data = data[..Math.Min(data.Length, SniffedBytes)];
        while (!data.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(data, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.NeedMoreData)
            {
                return true;
            }

            if (status != System.Buffers.OperationStatus.Done || IsControl(rune.Value))
            {
                return false;
            }

            data = data[consumed..];
        }

        return true;
    }

    private static bool IsControl(int c) => c is < 0x20 and not ('\t' or '\n' or '\r' or '\f') || c is >= 0x7F and <= 0x9F;
}
