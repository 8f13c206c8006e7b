using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Parsing;
using SnoopRecorder.Http.Tests.TestSupport;

namespace SnoopRecorder.Http.Tests.Parsing;

public sealed class ChunkedBodyDecoderTests
{
    private static (ChunkedStatus Status, int Consumed, BodyBuffer Body, ChunkedBodyDecoder Decoder) Decode(string input)
    {
        var memory = new ConversationMemory(null);
        var decoder = new ChunkedBodyDecoder(new LineBuffer(memory), 1024, 10);
        decoder.Reset();
        var body = new BodyBuffer(1024, memory);
        body.Reset(0);
        var status = decoder.Decode(Wire.Bytes(input), body, out var consumed);
        return (status, consumed, body, decoder);
    }

    [Fact]
    public void Decode_StopsRightAfterFinalCrlf_LeavingNextMessageUnconsumed()
    {
        const string chunked = "3\r\nabc\r\n0\r\n\r\n";

        var (status, consumed, body, _) = Decode(chunked + "HTTP/1.1 200 OK\r\n");

        Assert.Equal(ChunkedStatus.Done, status);
        Assert.Equal(chunked.Length, consumed);
        Assert.Equal("abc", Wire.Text(body.Detach(out _).Data));
    }

    [Theory]
    [InlineData("zz\r\n")]
    [InlineData(";ext\r\n")]
    [InlineData("3\r\nabcX")]
    [InlineData("1000000000000000\r\n")]
    [InlineData("3x\r\n")]
    public void Decode_InvalidCoding_IsMalformed(string input)
        => Assert.Equal(ChunkedStatus.Malformed, Decode(input).Status);

    [Fact]
    public void Decode_OversizedExtension_IsMalformed()
        => Assert.Equal(ChunkedStatus.Malformed, Decode("1;" + new string('e', 20_000)).Status);

    [Fact]
    public void Decode_LargestFifteenDigitSize_IsAcceptedAsLength()
    {
        var (status, _, _, decoder) = Decode("FFFFFFFFFFFFFFF\r\nab");

        Assert.Equal(ChunkedStatus.NeedMore, status);
        Assert.Equal(ChunkedStep.Data, decoder.Step);
    }

    [Fact]
    public void Decode_Trailers_AreParsedInOrder()
    {
        var (status, _, _, decoder) = Decode("0\r\nA: 1\r\nB: 2\r\nA: 3\r\n\r\n");

        Assert.Equal(ChunkedStatus.Done, status);
        Assert.Equal([new HttpHeader("A", "1"), new HttpHeader("B", "2"), new HttpHeader("A", "3")], decoder.ParseTrailers());
    }

    [Fact]
    public void TrySkipData_InsideChunk_CountsBytesAndKeepsFraming()
    {
        var (_, _, body, decoder) = Decode("a\r\n01");

        Assert.True(decoder.TrySkipData(4, body));
        var status = decoder.Decode(Wire.Bytes("6789\r\n0\r\n\r\n"), body, out _);

        Assert.Equal(ChunkedStatus.Done, status);
        var captured = body.Detach(out _);
        Assert.Equal(10, captured.Size);
        Assert.Equal("01", Wire.Text(captured.Data));
    }

    [Fact]
    public void TrySkipData_PastChunkEnd_IsRefused()
    {
        var (_, _, body, decoder) = Decode("2\r\n");

        Assert.False(decoder.TrySkipData(3, body));
    }
}
