using System.Globalization;
using SnoopRecorder.Api.Exchanges.Content;
using SnoopRecorder.Api.Exchanges.Transcripts;
using SnoopRecorder.Http.Content;

namespace SnoopRecorder.Api.Exchanges.Har;

/// <summary>
/// A stored body as a HAR entry shows it: its Content-Encoding undone where this service can (gzip, deflate, br, at
/// most <c>Snoop:MaxDecodedBodyBytes</c>), as text when it is textual (the transcript's rule, <see cref="TextualContent"/>),
/// else as bytes for base64; and what a reader should know about how whole it is.
/// </summary>
internal sealed class HarBody
{
    private readonly List<string> _notes;

    private HarBody(ReadOnlyMemory<byte> data, List<string> notes)
    {
        Data = data;
        _notes = notes;
    }

    /// <summary>The bytes shown: decoded when the coding was undone, else as stored.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The body as text in its charset, or null when it is binary (then <see cref="Data"/> goes as base64).</summary>
    public string? Text { get; private init; }

    /// <summary>HAR's <c>content.size</c>: the decoded length when decoded, else the body's real length.</summary>
    public long Size { get; private init; }

    /// <summary>HAR's <c>content.compression</c>, bytes saved by the coding; null unless the whole body was decoded.</summary>
    public long? Compression { get; private init; }

    public static HarBody Of(MessageBody body, int maxDecodedBodyBytes)
    {
        var stored = body.Stored;
        var notes = new List<string>();
        if (body.Truncated)
        {
            notes.Add($"body truncated: {Count(stored.Length)} of {Count(body.Size)} bytes stored (Snoop:MaxBodyBytes)");
        }

        var data = stored;
        var decoded = false;
        long? compression = null;
        if (stored.IsEmpty)
        {
            // Nothing to decode (a HEAD or 304 response keeps the Content-Encoding of the body it does not carry).
        }
        else if (!ContentCodings.TryParse(body.ContentEncoding, out var codings, out var unknown))
        {
            notes.Add($"not decoded: unknown content coding '{unknown}'");
        }
        else if (!ContentCodings.AreIdentity(codings))
        {
            var result = ContentDecoder.Decode(stored.Span, codings, maxDecodedBodyBytes);
            if (result.Failed && result.Data.IsEmpty)
            {
                notes.Add($"not decoded: {result.Error}");
            }
            else
            {
                data = result.Data;
                decoded = true;
                if (result.Truncated)
                {
                    notes.Add($"decoded body cut at {Count(data.Length)} bytes (Snoop:MaxDecodedBodyBytes)");
                }

                if (result.Error is { } error)
                {
                    notes.Add($"decoding failed: {error}");
                }
                else if (!result.Truncated && !body.Truncated && data.Length >= body.Size)
                {
                    compression = data.Length - body.Size;
                }
            }
        }

        var text = data.IsEmpty
            ? ""
            : TextualContent.IsTextual(body.ContentType, data.Span) ? TextualContent.EncodingOf(body.ContentType).GetString(data.Span) : null;
        return new HarBody(data, notes)
        {
            Text = text,
            Size = decoded ? data.Length : body.Size,
            Compression = compression,
        };
    }

    /// <summary>The notes on this body joined into one comment, after <paramref name="binaryNote"/>; null when there are none.</summary>
    public string? Comment(string? binaryNote)
    {
        IEnumerable<string> notes = binaryNote is null ? _notes : [binaryNote, .. _notes];
        var comment = string.Join("; ", notes);
        return comment.Length == 0 ? null : comment;
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
