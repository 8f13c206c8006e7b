using System.Buffers.Binary;
using SnoopRecorder.Http.Content;

namespace SnoopRecorder.Http.Tests.Content;

public sealed class ContentDecoderFailureTests
{
    private const int Limit = 1 << 20;

    private static readonly byte[] Content = Compressed.Text(3_000, seed: 11);

    public static TheoryData<string> Formats => ["gzip", "zlib", "raw", "br"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void CutAtAnyByte_FailsSayingTheDataEndsEarly_AndKeepsWhatWasDecoded(string format)
    {
        var (encoded, coding) = Encode(Content, format);

        for (var cut = 1; cut < encoded.Length; cut++)
        {
            var decoded = ContentDecoder.Decode(encoded.AsSpan(0, cut), [coding], Limit);

            Assert.True(decoded.Failed, $"{format} cut to {cut} of {encoded.Length} bytes decoded without error");
            Assert.Contains("ends before the end of its compressed stream", decoded.Error);
            Assert.False(decoded.Truncated);
            Assert.True(Content.AsSpan().StartsWith(decoded.Data.Span), $"{format} cut to {cut}: the decoded bytes are not the content's beginning");
        }
    }

    [Fact]
    public void CutInsideTheGzipTrailer_HasTheWholeContentAndStillFails()
    {
        var encoded = Compressed.Gzip(Content);

        var decoded = ContentDecoder.Decode(encoded.AsSpan(0, encoded.Length - 3), [ContentCoding.Gzip], Limit);

        Assert.Equal(Content, decoded.Data.ToArray());
        Assert.Contains("gzip data ends before", decoded.Error);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void CorruptByte_FailsSayingTheDataIsCorrupt(string format)
    {
        var (encoded, coding) = Encode(Content, format);
        var failures = 0;
        for (var at = encoded.Length / 4; at < encoded.Length; at += Math.Max(1, encoded.Length / 40))
        {
            var corrupt = (byte[])encoded.Clone();
            corrupt[at] ^= 0x5A;

            var decoded = ContentDecoder.Decode(corrupt, [coding], Limit);

            // A changed byte can still be valid compressed data (of other content): raw deflate and Brotli carry no
            // check value to catch that; gzip (CRC-32) and zlib (Adler-32) do.
            if (decoded.Failed)
            {
                failures++;
                Assert.Matches("corrupt|ends before", decoded.Error);
            }
            else
            {
                Assert.Contains(format, (string[])["raw", "br"]);
            }
        }

        Assert.True(failures > 0);
    }

    [Fact]
    public void GzipWithWrongCrc_FailsNamingTheCrc_WithTheDecodedContent()
    {
        var encoded = Compressed.Gzip(Content);
        encoded[^8] ^= 1;

        var decoded = ContentDecoder.Decode(encoded, [ContentCoding.Gzip], Limit);

        Assert.Contains("CRC-32", decoded.Error);
        Assert.Equal(Content, decoded.Data.ToArray());
    }

    [Fact]
    public void GzipWithWrongLength_FailsNamingTheLength()
    {
        var encoded = Compressed.Gzip(Content);
        BinaryPrimitives.WriteUInt32LittleEndian(encoded.AsSpan(encoded.Length - 4), (uint)Content.Length + 1);

        Assert.Contains("length in the trailer", ContentDecoder.Decode(encoded, [ContentCoding.Gzip], Limit).Error);
    }

    [Fact]
    public void ZlibWithWrongAdler32_FailsNamingIt()
    {
        var encoded = Compressed.Zlib(Content);
        encoded[^1] ^= 1;

        Assert.Contains("Adler-32", ContentDecoder.Decode(encoded, [ContentCoding.Deflate], Limit).Error);
    }

    [Fact]
    public void ZlibNeedingAPresetDictionary_Fails()
    {
        // 0x78 0xF9: a valid zlib header (a multiple of 31) with FDICT set.
        Assert.Contains("preset dictionary", ContentDecoder.Decode([0x78, 0xF9, 0, 0, 0, 0, 1, 2, 3], [ContentCoding.Deflate], Limit).Error);
    }

    [Fact]
    public void BodyThatIsNotGzip_FailsWithNothingDecoded()
    {
        var decoded = ContentDecoder.Decode("{\"plain\": true}"u8, [ContentCoding.Gzip], Limit);

        Assert.Contains("not gzip data", decoded.Error);
        Assert.True(decoded.Data.IsEmpty);
    }

    [Theory]
    [InlineData(new byte[] { 0x07, 0x00 }, "invalid block type")]
    [InlineData(new byte[] { 0x01, 0x05, 0x00, 0x00, 0x00, 0x61 }, "does not match its complement")]
    // Fixed Huffman block whose first symbol is a match (length 3, distance 1) with nothing before it.
    [InlineData(new byte[] { 0x03, 0x02 }, "distance too far back")]
    public void InvalidRawDeflate_FailsSayingWhy(byte[] encoded, string problem) =>
        Assert.Contains(problem, ContentDecoder.Decode(encoded, [ContentCoding.Deflate], Limit).Error);

    [Fact]
    public void FailingStep_StillLetsTheOtherStepsDecodeWhatItProduced()
    {
        var gzip = Compressed.Gzip(Content);
        var brotli = Compressed.Brotli(gzip);

        // The brotli step runs out of input; the gzip step decodes the part it got.
        var decoded = ContentDecoder.Decode(brotli.AsSpan(0, brotli.Length - 2), [ContentCoding.Gzip, ContentCoding.Brotli], Limit);

        Assert.StartsWith("brotli data ends before", decoded.Error);
        Assert.True(Content.AsSpan().StartsWith(decoded.Data.Span));
    }

    [Fact]
    public void ArbitraryBytes_NeverThrow_AndStayWithinTheLimit()
    {
        var random = new Random(4242);
        var valid = new[] { Compressed.Gzip(Content), Compressed.Zlib(Content), Compressed.RawDeflate(Content), Compressed.Brotli(Content) };
        for (var round = 0; round < 4000; round++)
        {
            byte[] input;
            if (round % 2 == 0)
            {
                input = Compressed.Random(random.Next(0, 300), random.Next());
            }
            else
            {
                // A valid stream with a few bytes changed, cut or not: reaches deep into the decoders' states.
                input = (byte[])valid[random.Next(valid.Length)].Clone();
                for (var i = random.Next(1, 4); i > 0; i--)
                {
                    input[random.Next(input.Length)] = (byte)random.Next(256);
                }

                input = input[..random.Next(input.Length / 2, input.Length + 1)];
            }

            foreach (var coding in (ContentCoding[])[ContentCoding.Gzip, ContentCoding.Deflate, ContentCoding.Brotli])
            {
                var decoded = ContentDecoder.Decode(input, [coding], 10_000);

                Assert.InRange(decoded.Data.Length, 0, 10_000);
            }
        }
    }

    private static (byte[] Encoded, ContentCoding Coding) Encode(byte[] content, string format) => format switch
    {
        "gzip" => (Compressed.Gzip(content), ContentCoding.Gzip),
        "zlib" => (Compressed.Zlib(content), ContentCoding.Deflate),
        "raw" => (Compressed.RawDeflate(content), ContentCoding.Deflate),
        _ => (Compressed.Brotli(content), ContentCoding.Brotli),
    };
}
