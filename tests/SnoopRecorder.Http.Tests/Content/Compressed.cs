using System.IO.Compression;

namespace SnoopRecorder.Http.Tests.Content;

/// <summary>Test data compressed by the framework's encoders, the reference the decoder is checked against.</summary>
internal static class Compressed
{
    public static byte[] Gzip(byte[] data, CompressionLevel level = CompressionLevel.Optimal) =>
        Compress(data, s => new GZipStream(s, level, leaveOpen: true));

    public static byte[] Zlib(byte[] data, CompressionLevel level = CompressionLevel.Optimal) =>
        Compress(data, s => new ZLibStream(s, level, leaveOpen: true));

    public static byte[] RawDeflate(byte[] data, CompressionLevel level = CompressionLevel.Optimal) =>
        Compress(data, s => new DeflateStream(s, level, leaveOpen: true));

    public static byte[] Brotli(byte[] data, CompressionLevel level = CompressionLevel.Optimal) =>
        Compress(data, s => new BrotliStream(s, level, leaveOpen: true));

    /// <summary>Text-like data: repeated words with some variation, which compresses with matches of all lengths.</summary>
    public static byte[] Text(int length, int seed)
    {
        string[] words = ["GET", "/api/v1/orders", "HTTP/1.1", "Host:", "example.com", "Content-Type:", "application/json", "{\"id\":", "\r\n"];
        var random = new Random(seed);
        var bytes = new List<byte>(length + 32);
        while (bytes.Count < length)
        {
            bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(words[random.Next(words.Length)]));
            bytes.Add((byte)(random.Next(4) == 0 ? random.Next(256) : ' '));
        }

        return [.. bytes.Take(length)];
    }

    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Compress(byte[] data, Func<Stream, Stream> encoder)
    {
        using var output = new MemoryStream();
        using (var stream = encoder(output))
        {
            stream.Write(data);
        }

        return output.ToArray();
    }
}
