using System.Security.Cryptography;

namespace SnoopRecorder.TestSupport;

/// <summary>Short random suffixes that keep resources of tests running in parallel (and in other processes) apart.</summary>
internal static class RandomNames
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string Suffix(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
