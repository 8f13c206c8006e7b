using System.Text;

namespace SnoopRecorder.Capture.Tests.RealTraffic;

/// <summary>The bodies nginx serves and curl uploads, so the tests can compare the analyzer's bytes to them.</summary>
internal static class ServedContent
{
    public const int LargeFileBytes = 300 * 1024;
    public const int UploadBytes = 64 * 1024;
    public const string ChunkedPlaceholder = "@@";
    public const string ChunkedReplacement = "chunked";

    public static readonly byte[] Hello = "hello from nginx\n"u8.ToArray();
    public static readonly byte[] Bench = "bench\n"u8.ToArray();
    public static readonly byte[] Closing = "closing\n"u8.ToArray();
    public static readonly byte[] SmallFile = "a small static file\n"u8.ToArray();
    public static readonly byte[] LargeFile = RandomBytes(LargeFileBytes, seed: 300);
    public static readonly byte[] Upload = RandomBytes(UploadBytes, seed: 64);

    /// <summary>What the upstream answers to the upload: it echoes the Content-Length nginx forwarded.</summary>
    public static readonly byte[] UploadReceipt = Encoding.ASCII.GetBytes($"received {UploadBytes} bytes\n");

    /// <summary>
    /// An HTML file nginx rewrites with <c>sub_filter</c> on the way out: the rewrite drops Content-Length, so an
    /// HTTP/1.1 response is sent chunked (RFC 9112 §7.1), in several chunks because the file spans several buffers.
    /// </summary>
    public static readonly byte[] ChunkedTemplate = Encoding.ASCII.GetBytes(
        string.Concat(Enumerable.Range(1, 2000).Select(i => $"line {i} {ChunkedPlaceholder} of the rewritten file\n")));

    public static readonly byte[] ChunkedExpected = Encoding.ASCII.GetBytes(
        Encoding.ASCII.GetString(ChunkedTemplate).Replace(ChunkedPlaceholder, ChunkedReplacement, StringComparison.Ordinal));

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
