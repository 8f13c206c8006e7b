using System.IO.Compression;
using System.Text;
using SnoopRecorder.Http.Content;

namespace SnoopRecorder.Http.Tests.Content;

public sealed class ContentDecoderTests
{
    private const int Limit = 16 << 20;

    private static readonly byte[] Text = Compressed.Text(100_000, seed: 1);

    public static TheoryData<CompressionLevel> Levels =>
        [CompressionLevel.NoCompression, CompressionLevel.Fastest, CompressionLevel.Optimal, CompressionLevel.SmallestSize];

    [Theory]
    [MemberData(nameof(Levels))]
    public void Gzip_DecodesToTheOriginal(CompressionLevel level) =>
        AssertDecodes(Text, Compressed.Gzip(Text, level), ContentCoding.Gzip);

    [Theory]
    [MemberData(nameof(Levels))]
    public void Deflate_ZlibWrapped_DecodesToTheOriginal(CompressionLevel level) =>
        AssertDecodes(Text, Compressed.Zlib(Text, level), ContentCoding.Deflate);

    [Theory]
    [MemberData(nameof(Levels))]
    public void Deflate_RawAsSomeServersSendIt_DecodesToTheOriginal(CompressionLevel level) =>
        AssertDecodes(Text, Compressed.RawDeflate(Text, level), ContentCoding.Deflate);

    [Theory]
    [MemberData(nameof(Levels))]
    public void Brotli_DecodesToTheOriginal(CompressionLevel level) =>
        AssertDecodes(Text, Compressed.Brotli(Text, level), ContentCoding.Brotli);

    [Fact]
    public void RandomBytes_WhichDeflateStoresOrCodesLiterally_DecodeToTheOriginal()
    {
        var random = Compressed.Random(200_000, seed: 2);

        AssertDecodes(random, Compressed.Gzip(random), ContentCoding.Gzip);
        AssertDecodes(random, Compressed.RawDeflate(random), ContentCoding.Deflate);
    }

    [Fact]
    public void ShortInput_InAFixedHuffmanBlock_DecodesToTheOriginal()
    {
        var hello = "hello from nginx\n"u8.ToArray();

        AssertDecodes(hello, Compressed.Gzip(hello), ContentCoding.Gzip);
    }

    [Fact]
    public void StackedCodings_AreUndoneLastAppliedFirst()
    {
        // Content-Encoding: gzip, br — gzip was applied first, then br.
        var encoded = Compressed.Brotli(Compressed.Gzip(Text));

        var decoded = ContentDecoder.Decode(encoded, [ContentCoding.Gzip, ContentCoding.Brotli], Limit);

        Assert.Null(decoded.Error);
        Assert.Equal(Text, decoded.Data.ToArray());
    }

    [Fact]
    public void StackedCodings_WithIdentityBetween_SkipIdentity()
    {
        var encoded = Compressed.Gzip(Compressed.Zlib(Compressed.Gzip(Text)));

        var decoded = ContentDecoder.Decode(
            encoded, [ContentCoding.Identity, ContentCoding.Gzip, ContentCoding.Identity, ContentCoding.Deflate, ContentCoding.Gzip], Limit);

        Assert.Null(decoded.Error);
        Assert.Equal(Text, decoded.Data.ToArray());
    }

    [Fact]
    public void Gzip_SeveralMembers_DecodeToTheirConcatenation()
    {
        var first = "first member\n"u8.ToArray();
        var second = Compressed.Text(5_000, seed: 3);

        var decoded = ContentDecoder.Decode([.. Compressed.Gzip(first), .. Compressed.Gzip(second)], [ContentCoding.Gzip], Limit);

        Assert.Null(decoded.Error);
        Assert.Equal([.. first, .. second], decoded.Data.ToArray());
    }

    [Fact]
    public void Gzip_HeaderWithNameCommentExtraAndHeaderCrc_IsSkipped()
    {
        var plain = Compressed.Gzip(Text);
        var header = new List<byte> { 0x1F, 0x8B, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3, 4, 0, (byte)'a', (byte)'b', (byte)'c', (byte)'d' };
        header.AddRange("body.json\0a comment\0"u8.ToArray());
        var crc = (ushort)Crc32Of([.. header]);
        header.Add((byte)crc);
        header.Add((byte)(crc >> 8));

        var decoded = ContentDecoder.Decode([.. header, .. plain.AsSpan(10)], [ContentCoding.Gzip], Limit);

        Assert.Null(decoded.Error);
        Assert.Equal(Text, decoded.Data.ToArray());
    }

    [Fact]
    public void Gzip_TrailingBytesAfterTheLastMember_AreIgnored()
    {
        var decoded = ContentDecoder.Decode([.. Compressed.Gzip(Text), 0, 0, 0, 0], [ContentCoding.Gzip], Limit);

        Assert.Null(decoded.Error);
        Assert.Equal(Text, decoded.Data.ToArray());
    }

    [Theory]
    [InlineData(ContentCoding.Gzip)]
    [InlineData(ContentCoding.Deflate)]
    [InlineData(ContentCoding.Brotli)]
    public void EmptyBody_DecodesToEmptyWithoutError(ContentCoding coding)
    {
        var decoded = ContentDecoder.Decode([], [coding], Limit);

        Assert.True(decoded.Data.IsEmpty);
        Assert.False(decoded.Failed);
        Assert.False(decoded.Truncated);
    }

    [Fact]
    public void CompressedEmptyContent_DecodesToEmpty()
    {
        var decoded = ContentDecoder.Decode(Compressed.Gzip([]), [ContentCoding.Gzip], Limit);

        Assert.True(decoded.Data.IsEmpty);
        Assert.Null(decoded.Error);
    }

    [Fact]
    public void IdentityOnly_IsTheBodyUnchanged()
    {
        var body = Encoding.ASCII.GetBytes("plain");

        var decoded = ContentDecoder.Decode(body, [ContentCoding.Identity], Limit);

        Assert.Equal(body, decoded.Data.ToArray());
        Assert.False(decoded.Truncated);
    }

    private static void AssertDecodes(byte[] expected, byte[] encoded, ContentCoding coding)
    {
        var decoded = ContentDecoder.Decode(encoded, [coding], Limit);

        Assert.Null(decoded.Error);
        Assert.False(decoded.Truncated);
        Assert.True(expected.AsSpan().SequenceEqual(decoded.Data.Span), $"{coding}: decoded {decoded.Data.Length} bytes differ from the {expected.Length} original");
    }

    private static uint Crc32Of(byte[] data)
    {
        // Independent of the decoder's own table: the bitwise definition.
        var crc = 0xFFFFFFFFu;
        foreach (var value in data)
        {
            crc ^= value;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
