using System.Globalization;
using SnoopRecorder.Api.Exchanges.Content;
using SnoopRecorder.Http.Content;

namespace SnoopRecorder.Api.Exchanges.Transcripts;

internal static partial class ExchangeTranscript
{
    private static void WriteBody(TranscriptWriter writer, MessageBody body, int maxDecodedBodyBytes)
    {
        if (body.Size == 0 && body.Stored.IsEmpty)
        {
            return;
        }

        var size = Bytes(body.Size);
        if (!ContentCodings.TryParse(body.ContentEncoding, out var codings, out var unknown))
        {
            writer.Marker($"body: {size} bytes, not decoded: unknown content coding '{unknown}'");
            WriteAsStored(writer, body);
            return;
        }

        if (ContentCodings.AreIdentity(codings))
        {
            WriteAsStored(writer, body);
            return;
        }

        var coding = string.Join(" + ", codings.Where(c => c != ContentCoding.Identity).Select(ContentCodings.NameOf));
        var decoded = ContentDecoder.Decode(body.Stored.Span, codings, maxDecodedBodyBytes);
        if (decoded.Failed && decoded.Data.IsEmpty)
        {
            writer.Marker($"body: {size} bytes {coding}, not decoded: {decoded.Error}");
            WriteAsStored(writer, body);
            return;
        }

        var decodedSize = Bytes(decoded.Data.Length);
        if (TextualContent.IsTextual(body.ContentType, decoded.Data.Span))
        {
            writer.Marker($"body: {size} bytes {coding}, shown decoded: {decodedSize} bytes");
            writer.Body(TextualContent.EncodingOf(body.ContentType).GetString(decoded.Data.Span));
        }
        else
        {
            writer.Marker($"binary body: {size} bytes {coding}, {decodedSize} bytes decoded{TypeSuffix(body)}, not shown");
        }

        WriteTruncation(writer, body);
        if (decoded.Truncated)
        {
            writer.Marker($"decoded body cut at {decodedSize} bytes (Snoop:MaxDecodedBodyBytes)");
        }

        if (decoded.Error is { } error)
        {
            writer.Marker($"decoding failed: {error}");
        }
    }

    private static void WriteAsStored(TranscriptWriter writer, MessageBody body)
    {
        if (TextualContent.IsTextual(body.ContentType, body.Stored.Span))
        {
            writer.Body(TextualContent.EncodingOf(body.ContentType).GetString(body.Stored.Span));
        }
        else
        {
            writer.Marker($"binary body: {Bytes(body.Size)} bytes{TypeSuffix(body)}, not shown");
        }

        WriteTruncation(writer, body);
    }

    private static void WriteTruncation(TranscriptWriter writer, MessageBody body)
    {
        if (body.Truncated)
        {
            writer.Marker($"body truncated: {Bytes(body.Stored.Length)} of {Bytes(body.Size)} bytes stored");
        }
    }

    private static string Bytes(long count) => count.ToString(CultureInfo.InvariantCulture);

    private static string TypeSuffix(MessageBody body) =>
        TextualContent.MediaTypeOf(body.ContentType) is { } type ? $" {type}" : "";
}
