namespace SnoopRecorder.Storage.Exchanges;

/// <summary>Path filter: an exact, case-sensitive path, or a prefix when the text ends in <c>*</c>.</summary>
public sealed record PathFilter(string Value, bool IsPrefix)
{
    public const string Accepted = "an exact path (/api/items) or a prefix ending in * (/api/*)";
    public const char PrefixMarker = '*';

    public static bool TryParse(string? text, out PathFilter? filter)
    {
        filter = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        filter = text[^1] == PrefixMarker
            ? new PathFilter(text[..^1], IsPrefix: true)
            : new PathFilter(text, IsPrefix: false);
        return true;
    }

    /// <summary>
    /// The smallest string greater than every string starting with <see cref="Value"/>, so that a prefix becomes an
    /// index range <c>path &gt;= Value AND path &lt; upper</c> (SQLite's BINARY collation orders UTF-8 by code point,
    /// and so does ordinal order when the last character is not a surrogate). Null when no such bound is simple to build.
    /// </summary>
    public string? UpperBound()
    {
        if (!IsPrefix || Value.Length == 0)
        {
            return null;
        }

        var last = Value[^1];
        var next = (char)(last + 1);
        if (char.IsSurrogate(last) || char.IsSurrogate(next) || last == char.MaxValue)
        {
            return null;
        }

        return string.Concat(Value.AsSpan(0, Value.Length - 1), new ReadOnlySpan<char>(in next));
    }
}
