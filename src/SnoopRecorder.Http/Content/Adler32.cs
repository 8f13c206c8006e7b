namespace SnoopRecorder.Http.Content;

/// <summary>The Adler-32 checksum of zlib streams (RFC 1950 §8.2).</summary>
internal static class Adler32
{
    private const uint Modulus = 65521;

    // The most bytes summed before the sums must be reduced to stay within 32 bits (zlib's NMAX).
    private const int MaxRun = 5552;

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        while (!data.IsEmpty)
        {
            var run = data[..Math.Min(MaxRun, data.Length)];
            foreach (var value in run)
            {
                a += value;
                b += a;
            }

            a %= Modulus;
            b %= Modulus;
            data = data[run.Length..];
        }

        return (b << 16) | a;
    }
}
