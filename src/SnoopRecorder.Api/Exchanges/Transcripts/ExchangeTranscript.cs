using System.Buffers;
using SnoopRecorder.Api.Exchanges.Content;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Exchanges.Transcripts;

/// <summary>
/// An exchange as readable text, the clean answer to <c>tcpdump -A</c>: the request line, its headers in order
/// (duplicates kept), a blank line and the body; then the interim 1xx statuses, the status line, headers and body of
/// the response; trailers where there were any. Lines end with LF.
/// </summary>
/// <remarks>
/// Textual bodies are shown, decoded when compressed; binary ones are summarised. What the transcript adds is in
/// brackets on a line of its own: <c>[body: 1234 bytes gzip, shown decoded: 5678 bytes]</c>,
/// <c>[binary body: 4096 bytes image/png, not shown]</c>, <c>[body truncated: …]</c>, <c>[no response captured]</c>.
/// The response's status line shows the exchange's HTTP version, which is the request's when there was a request.
/// </remarks>
internal static partial class ExchangeTranscript
{
    private const string Http09 = "HTTP/0.9";

    public static void Write(
        ExchangeDetail detail, MessageBody request, MessageBody response, int maxDecodedBodyBytes, IBufferWriter<byte> output)
    {
        var writer = new TranscriptWriter(output);
        var exchange = detail.Exchange;
        var headers = detail.Headers;
        if (exchange.Method is null)
        {
            writer.Marker("no request captured");
        }
        else
        {
            // An HTTP/0.9 request is its request line alone: no version, no header section.
            var simple = exchange.HttpVersion is null or Http09;
            writer.CapturedLine(simple ? $"{exchange.Method} {exchange.Uri}" : $"{exchange.Method} {exchange.Uri} {exchange.HttpVersion}");
            WriteMessage(writer, simple ? null : headers.RequestHeaders, request, headers.RequestTrailers, maxDecodedBodyBytes);
        }

        writer.BlankLine();
        foreach (var status in headers.InterimStatuses)
        {
            writer.Marker($"interim response: {status} (its headers are not recorded)");
        }

        if (exchange.Status is not { } code)
        {
            writer.Marker("no response captured");
        }
        else
        {
            if (code == 0)
            {
                writer.Marker("HTTP/0.9 response: a body without status line or headers");
            }
            else
            {
                writer.CapturedLine(string.IsNullOrEmpty(exchange.Reason)
                    ? $"{exchange.HttpVersion} {code}"
                    : $"{exchange.HttpVersion} {code} {exchange.Reason}");
            }

            WriteMessage(writer, code == 0 ? null : headers.ResponseHeaders, response, headers.ResponseTrailers, maxDecodedBodyBytes);
        }

        if (ExchangeIssueNames.Of(exchange.Issues) is { Count: > 0 } issues)
        {
            writer.BlankLine();
            writer.Marker($"issues: {string.Join(", ", issues)}");
        }
    }

    private static void WriteMessage(
        TranscriptWriter writer,
        IReadOnlyList<HeaderRecord>? headers,
        MessageBody body,
        IReadOnlyList<HeaderRecord> trailers,
        int maxDecodedBodyBytes)
    {
        if (headers is not null)
        {
            WriteFields(writer, headers);
            writer.BlankLine();
        }

        WriteBody(writer, body, maxDecodedBodyBytes);
        if (trailers.Count > 0)
        {
            writer.Marker("trailers");
            WriteFields(writer, trailers);
        }
    }

    private static void WriteFields(TranscriptWriter writer, IReadOnlyList<HeaderRecord> fields)
    {
        foreach (var field in fields)
        {
            writer.CapturedLine($"{field.Name}: {field.Value}");
        }
    }
}
