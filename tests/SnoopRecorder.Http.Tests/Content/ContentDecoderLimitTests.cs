using System.IO.Compression;
using SnoopRecorder.Http.Content;

namespace SnoopRecorder.Http.Tests.Content;

public sealed class ContentDecoderLimitTests
{
    private const int SixteenMiB = 16 << 20;

    // 1 GiB of zeros: about 1 MB of gzip. Made once, it takes about a second.
    private static readonly Lazy<byte[]> GzipBomb = new(() => CompressZeros(1L << 30));

    public static TheoryData<ContentCoding, string> Encodings => new()
    {
        { ContentCoding.Gzip, "gzip" },
        { ContentCoding.Deflate, "zlib" },
        { ContentCoding.Deflate, "raw" },
        { ContentCoding.Brotli, "br" },
        { ContentCoding.Identity, "identity" },
    };

    [Fact]
    public void GzipBomb_IsCutAtTheLimitAndSaysSo()
    {
        var bomb = GzipBomb.Value;
        Assert.InRange(bomb.Length, 1, 2 << 20);

        var decoded = ContentDecoder.Decode(bomb, [ContentCoding.Gzip], SixteenMiB);

        Assert.True(decoded.Truncated);
        Assert.Null(decoded.Error);
        Assert.Equal(SixteenMiB, decoded.Data.Length);
        Assert.False(decoded.Data.Span.ContainsAnyExcept((byte)0));
    }

    [Fact]
    public void StackedGzipBomb_StopsEveryStepAtTheLimit()
    {
        // gzip of the gzip bomb: about 5 KB that would expand to 1 GiB through a 1 MB intermediate step.
        var doubled = Compressed.Gzip(GzipBomb.Value);
        const int limit = 256 * 1024;

        var decoded = ContentDecoder.Decode(doubled, [ContentCoding.Gzip, ContentCoding.Gzip], limit);

        Assert.True(decoded.Truncated);
        Assert.Null(decoded.Error);
        Assert.Equal(limit, decoded.Data.Length);
    }

    [Fact]
    public void BrotliBomb_IsCutAtTheLimit()
    {
        var bomb = Compressed.Brotli(new byte[64 << 20], CompressionLevel.Fastest);

        var decoded = ContentDecoder.Decode(bomb, [ContentCoding.Brotli], 1 << 20);

        Assert.True(decoded.Truncated);
        Assert.Null(decoded.Error);
        Assert.Equal(1 << 20, decoded.Data.Length);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void ContentExactlyAtTheLimit_IsWholeAndNotTruncated(ContentCoding coding, string format)
    {
        var content = Compressed.Text(50_000, seed: 7);

        var decoded = ContentDecoder.Decode(Encode(content, format), [coding], content.Length);

        Assert.False(decoded.Truncated);
        Assert.Null(decoded.Error);
        Assert.Equal(content, decoded.Data.ToArray());
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void ContentOneByteOverTheLimit_IsItsBeginningMarkedTruncated(ContentCoding coding, string format)
    {
        var content = Compressed.Text(50_000, seed: 8);

        var decoded = ContentDecoder.Decode(Encode(content, format), [coding], content.Length - 1);

        Assert.True(decoded.Truncated);
        Assert.Null(decoded.Error);
        Assert.Equal(content[..^1], decoded.Data.ToArray());
    }

    [Fact]
    public void CutStep_DoesNotMakeTheNextStepReportItsShortInputAsAFailure()
    {
        var content = Compressed.Text(200_000, seed: 9);
        var inner = Compressed.Gzip(content, CompressionLevel.NoCompression);

        // The brotli step stops at the limit inside the gzip data; the gzip step then runs out of input.
        var decoded = ContentDecoder.Decode(Compressed.Brotli(inner), [ContentCoding.Gzip, ContentCoding.Brotli], 100_000);

        Assert.True(decoded.Truncated);
        Assert.Null(decoded.Error);
        Assert.True(content.AsSpan().StartsWith(decoded.Data.Span));
    }

    private static byte[] Encode(byte[] content, string format) => format switch
    {
        "gzip" => Compressed.Gzip(content),
        "zlib" => Compressed.Zlib(content),
        "raw" => Compressed.RawDeflate(content),
        "br" => Compressed.Brotli(content),
        _ => content,
    };

    private static byte[] CompressZeros(long length)
    {
        var zeros = new byte[1 << 20];
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var written = 0L; written < length; written += zeros.Length)
            {
                gzip.Write(zeros);
            }
        }

        return output.ToArray();
    }
}
