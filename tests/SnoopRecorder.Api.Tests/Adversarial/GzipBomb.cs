using System.IO.Compression;

namespace SnoopRecorder.Api.Tests.Adversarial;

/// <summary>A gzip member of nothing but zeros: about 1,000 times smaller than what it expands to.</summary>
internal static class GzipBomb
{
    /// <summary>Compresses <paramref name="expandedBytes"/> zeros into <paramref name="path"/>, streaming; returns the file's length.</summary>
    public static long Write(string path, long expandedBytes)
    {
        var zeros = new byte[1 << 20];
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        {
            for (var left = expandedBytes; left > 0; left -= zeros.Length)
            {
                gzip.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
            }
        }

        return new FileInfo(path).Length;
    }
}
