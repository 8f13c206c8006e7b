namespace SnoopRecorder.Storage.Exchanges;

/// <summary>Turns "starts with" into an index range for text compared with SQLite's BINARY collation.</summary>
internal static class PrefixBound
{
    /// <summary>
    /// The smallest string greater than every string starting with <paramref name="prefix"/>, so that a prefix becomes
    /// the range <c>column &gt;= prefix AND column &lt; upper</c> (BINARY orders UTF-8 by code point, and so does ordinal
    /// order when the last character is not a surrogate). Null when no such bound is simple to build.
    /// </summary>
    public static string? UpperBound(string prefix)
    {
        if (prefix.Length == 0)
        {
            return null;
        }

        var last = prefix[^1];
        var next = (char)(last + 1);
        if (char.IsSurrogate(last) || char.IsSurrogate(next) || last == char.MaxValue)
        {
            return null;
        }

        return string.Concat(prefix.AsSpan(0, prefix.Length - 1), new ReadOnlySpan<char>(in next));
    }
}
