using System.Buffers;
using System.IO.Compression;
using System.Text;
using SnoopRecorder.Api.Exchanges.Content;
using SnoopRecorder.Api.Exchanges.Transcripts;
using SnoopRecorder.Http.Model;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Tests.Transcripts;

/// <summary>The transcript's text for cases the corpus does not hold, from exchanges made up in memory.</summary>
public sealed class ExchangeTranscriptFormatTests
{
    private const int Limit = 1 << 20;

    [Fact]
    public void ControlCharactersFromTheTraffic_AreEscaped_SoATerminalShowingTheTranscriptIsSafe()
    {
        var transcript = Write(
            Record(),
            Request(headers: [new("X-Evil", "a\u001b[2Jb")]),
            Response(Body("text/plain", "red \u001b[31malert\u0007\r\nnext\u0085line\n"u8.ToArray())));

        Assert.Contains("X-Evil: a\\x1B[2Jb\n", transcript, StringComparison.Ordinal);
        Assert.Contains("red \\x1B[31malert\\x07\r\nnext\\x85line\n", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', transcript);
    }

    [Fact]
    public void Trailers_FollowTheBodyUnderAMarker()
    {
        var transcript = Write(
            Record(),
            Request(),
            Response(Body("text/plain", "no final newline"u8.ToArray()), trailers: [new("X-Checksum", "abc"), new("X-Checksum", "def")]));

        Assert.EndsWith("\n\nno final newline\n[trailers]\nX-Checksum: abc\nX-Checksum: def\n", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void BodyWithoutContentType_IsShownWhenItIsValidUtf8WithoutControls()
    {
        var transcript = Write(Record(), Request(), Response(Body(null, "héllo wörld\n"u8.ToArray())));

        Assert.EndsWith("\n\nhéllo wörld\n", transcript, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "[binary body: 6 bytes, not shown]")]
    [InlineData("application/octet-stream", "[binary body: 6 bytes application/octet-stream, not shown]")]
    public void BodyWithoutTextualTypeOrTextualBytes_IsSummarised(string? type, string marker)
    {
        var transcript = Write(Record(), Request(), Response(Body(type, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x00])));

        Assert.EndsWith($"\n\n{marker}\n", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void TextBody_UsesTheCharsetTheMessageNames()
    {
        var transcript = Write(Record(), Request(), Response(Body("text/plain; charset=iso-8859-1", [0x63, 0x61, 0x66, 0xE9])));

        Assert.EndsWith("\n\ncafé\n", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownContentCoding_IsNamedAndTheBodyShownAsSentWhenTextual()
    {
        var transcript = Write(Record(), Request(), Response(Body("text/plain", "plain after all"u8.ToArray(), "zstd")));

        Assert.EndsWith("[body: 15 bytes, not decoded: unknown content coding 'zstd']\nplain after all\n", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void CompressedBinaryBody_IsSummarisedWithBothSizes()
    {
        var gzip = Gzip(new byte[1000]);

        var transcript = Write(Record(), Request(), Response(Body("application/octet-stream", gzip, "gzip")));

        Assert.EndsWith(
            $"[binary body: {gzip.Length} bytes gzip, 1000 bytes decoded application/octet-stream, not shown]\n",
            transcript,
            StringComparison.Ordinal);
    }

    [Fact]
    public void DecodedBodyBeyondTheLimit_IsShownUpToItAndMarked()
    {
        var text = new string('a', 5000);
        var gzip = Gzip(Encoding.ASCII.GetBytes(text));

        var transcript = Write(Record(), Request(), Response(Body("text/plain", gzip, "gzip")), limit: 100);

        Assert.EndsWith(
            $"[body: {gzip.Length} bytes gzip, shown decoded: 100 bytes]\n{text[..100]}\n" +
            "[decoded body cut at 100 bytes (Snoop:MaxDecodedBodyBytes)]\n",
            transcript,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Http09_HasNoVersionInTheRequestLineAndNoStatusLine()
    {
        var transcript = Write(
            Record() with { HttpVersion = "HTTP/0.9", Status = 0, Reason = "" },
            Request(headers: []),
            Response(Body(null, "<html>old</html>\n"u8.ToArray())));

        Assert.Equal(
            "GET /\n\n[HTTP/0.9 response: a body without status line or headers]\n<html>old</html>\n",
            transcript);
    }

    [Fact]
    public void ResponseWithoutRequest_SaysTheRequestWasNotCaptured()
    {
        var transcript = Write(
            Record() with { Method = null, Uri = null, Issues = (long)ExchangeIssues.NoRequest },
            Request(),
            Response(Body("text/plain", "orphan\n"u8.ToArray())));

        Assert.StartsWith("[no request captured]\n\nHTTP/1.1 200 OK\n", transcript, StringComparison.Ordinal);
        Assert.EndsWith("orphan\n\n[issues: noRequest]\n", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedTextBody_IsShownAndMarked()
    {
        var transcript = Write(
            Record(),
            Request(),
            Response(Body("text/plain", "the beginn"u8.ToArray()) with { Size = 50, Truncated = true }));

        Assert.EndsWith("\n\nthe beginn\n[body truncated: 10 of 50 bytes stored]\n", transcript, StringComparison.Ordinal);
    }

    private static string Write(ExchangeRecord record, Message request, Message response, int limit = Limit)
    {
        var detail = new ExchangeDetail(record, new ExchangeHeaders
        {
            RequestHeaders = request.Headers,
            ResponseHeaders = response.Headers,
            RequestTrailers = request.Trailers,
            ResponseTrailers = response.Trailers,
        });
        var output = new ArrayBufferWriter<byte>();
        ExchangeTranscript.Write(detail, request.Body, response.Body, limit, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static ExchangeRecord Record() => new()
    {
        Id = 1,
        SessionId = "s",
        ConnectionId = 1,
        ClientIp = "127.0.0.1",
        ClientPort = 50000,
        ServerIp = "127.0.0.1",
        ServerPort = 80,
        StartedNs = 0,
        EndedNs = 0,
        FirstPacketIndex = 0,
        LastPacketIndex = 0,
        Method = "GET",
        Uri = "/",
        HttpVersion = "HTTP/1.1",
        Status = 200,
        Reason = "OK",
        Complete = true,
    };

    private static Message Request(IReadOnlyList<HeaderRecord>? headers = null) =>
        new(headers ?? [new("Host", "example.com")], Body(null, []), []);

    private static Message Response(MessageBody body, IReadOnlyList<HeaderRecord>? trailers = null)
    {
        var headers = new List<HeaderRecord>();
        if (body.ContentType is not null)
        {
            headers.Add(new("Content-Type", body.ContentType));
        }

        headers.AddRange(body.ContentEncoding.Select(e => new HeaderRecord("Content-Encoding", e)));
        return new Message(headers, body, trailers ?? []);
    }

    private static MessageBody Body(string? contentType, byte[] stored, string? contentEncoding = null) => new()
    {
        Stored = stored,
        Size = stored.Length,
        Truncated = false,
        ContentType = contentType,
        ContentEncoding = contentEncoding is null ? [] : [contentEncoding],
    };

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private sealed record Message(IReadOnlyList<HeaderRecord> Headers, MessageBody Body, IReadOnlyList<HeaderRecord> Trailers);
}
