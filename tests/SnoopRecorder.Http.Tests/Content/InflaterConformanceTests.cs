using System.IO.Compression;
using SnoopRecorder.Http.Content;

namespace SnoopRecorder.Http.Tests.Content;

/// <summary>The decoder against the framework's zlib encoder over many shapes of content, sizes and levels.</summary>
public sealed class InflaterConformanceTests
{
    private static readonly CompressionLevel[] Levels =
        [CompressionLevel.NoCompression, CompressionLevel.Fastest, CompressionLevel.Optimal, CompressionLevel.SmallestSize];

    [Fact]
    public void RandomContent_DecodesExactlyAsEncoded()
    {
        var random = new Random(20260101);
        for (var round = 0; round < 150; round++)
        {
            var content = Mixed(random, random.Next(0, 120_000));
            var level = Levels[random.Next(Levels.Length)];
            var (encoded, coding) = (round % 3) switch
            {
                0 => (Compressed.Gzip(content, level), ContentCoding.Gzip),
                1 => (Compressed.Zlib(content, level), ContentCoding.Deflate),
                _ => (Compressed.RawDeflate(content, level), ContentCoding.Deflate),
            };

            var decoded = ContentDecoder.Decode(encoded, [coding], 1 << 20);

            Assert.True(decoded.Error is null, $"round {round} ({content.Length} bytes, {level}, {coding}): {decoded.Error}");
            Assert.True(content.AsSpan().SequenceEqual(decoded.Data.Span), $"round {round} ({content.Length} bytes, {level}, {coding}) decoded differently");
        }
    }

    // Runs of one byte, copies of earlier stretches (long and short distances), text and noise, so that every
    // length and distance code and stored, fixed and dynamic blocks all occur.
    private static byte[] Mixed(Random random, int length)
    {
        var bytes = new List<byte>(length);
        while (bytes.Count < length)
        {
            var size = random.Next(1, 3_000);
            switch (random.Next(4))
            {
                case 0:
                    bytes.AddRange(Enumerable.Repeat((byte)random.Next(256), size));
                    break;
                case 1 when bytes.Count > 0:
                    var from = random.Next(Math.Max(0, bytes.Count - 40_000), bytes.Count);
                    bytes.AddRange(bytes.Skip(from).Take(size).ToArray());
                    break;
                case 2:
                    bytes.AddRange(Compressed.Text(size, random.Next()));
                    break;
                default:
                    bytes.AddRange(Compressed.Random(size, random.Next()));
                    break;
            }
        }

        return [.. bytes.Take(length)];
    }
}
