using System.Security.Cryptography;

namespace SnoopRecorder.Api.Sessions;

/// <summary>Short random URL-safe session ids: 12 characters of lowercase base32 (60 random bits).</summary>
internal static class SessionIds
{
    public const int Length = 12;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string New()
    {
        Span<byte> random = stackalloc byte[Length];
        RandomNumberGenerator.Fill(random);
        Span<char> id = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            id[i] = Alphabet[random[i] & (Alphabet.Length - 1)];
        }

        return new string(id);
    }
}
