using System.Security.Cryptography;
using System.Text;

namespace SnoopRecorder.Api.Security;

/// <summary>SHA-256 of an API key: what the service keeps and compares, in constant time.</summary>
internal static class ApiKeyHash
{
    public const int Length = 32;

    public static byte[] Of(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>
    /// Whether <paramref name="presented"/> is the key behind <paramref name="expected"/>. Both sides are fixed-length
    /// hashes compared with <see cref="CryptographicOperations.FixedTimeEquals"/>: the time taken says nothing about
    /// how much of a guess was right.
    /// </summary>
    public static bool Matches(ReadOnlySpan<byte> expected, string presented)
    {
        Span<byte> hash = stackalloc byte[Length];
        var bytes = Encoding.UTF8.GetBytes(presented);
        SHA256.HashData(bytes, hash);
        return CryptographicOperations.FixedTimeEquals(expected, hash);
    }
}
