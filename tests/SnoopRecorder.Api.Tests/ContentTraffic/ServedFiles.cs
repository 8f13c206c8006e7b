using System.IO.Compression;
using System.Text;

namespace SnoopRecorder.Api.Tests.ContentTraffic;

/// <summary>What nginx serves and curl uploads in the content tests, so decoded bodies can be compared byte for byte.</summary>
internal static class ServedFiles
{
    /// <summary>Stored bytes per body in the service under test: below <see cref="Large"/>'s gzip size.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Decoded bytes per body in the service under test: far below <see cref="BombZeros"/>.</summary>
    public const int MaxDecodedBodyBytes = 4 << 20;

    public const int BombZeros = 32 << 20;

    /// <summary>HTML that nginx compresses on the fly (gzip on), so it goes out chunked, and ends with a trailer.</summary>
    public static readonly byte[] Page = Encoding.UTF8.GetBytes(
        "<!DOCTYPE html>\n<html><head><title>Snoop · content</title></head><body>\n" +
        string.Concat(Enumerable.Range(1, 400).Select(i => $"<p>paragraph {i}: the quick brown fox jumps over the lazy dog</p>\n")) +
        "</body></html>\n");

    public static readonly byte[] Report = Encoding.UTF8.GetBytes(
        "{\"orders\": [" + string.Join(", ", Enumerable.Range(1, 300).Select(i => $"{{\"id\": {i}, \"total\": {i * 7 % 1000}.{i % 100:00}}}")) + "]}\n");

    /// <summary>Binary: the PNG signature and noise. nginx does not compress image/png.</summary>
    public static readonly byte[] Pixel = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Noise(4000, seed: 5)];

    /// <summary>1 MiB of hexadecimal text: its gzip (about half) is larger than <see cref="MaxBodyBytes"/>.</summary>
    public static readonly byte[] Large = Encoding.ASCII.GetBytes(Convert.ToHexString(Noise(512 * 1024, seed: 6)));

    /// <summary>The JSON curl uploads gzip-compressed, with <c>Expect: 100-continue</c>.</summary>
    public static readonly byte[] Upload = Encoding.UTF8.GetBytes(
        "{\"events\": [" + string.Join(", ", Enumerable.Range(1, 200).Select(i => $"{{\"seq\": {i}, \"kind\": \"click\"}}")) + "]}\n");

    /// <summary>The decompression bomb nginx serves pre-compressed (gzip_static): 32 MiB of zeros in about 32 KB.</summary>
    public static readonly Lazy<byte[]> Bomb = new(() => Gzip(new byte[BombZeros]));

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Noise(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
