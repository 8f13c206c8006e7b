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
    /// The smallest string greater than every path starting with <see cref="Value"/>, so that a prefix becomes an index
    /// range; null for an exact path, an empty prefix, or when no such bound is simple to build.
    /// </summary>
    public string? UpperBound() => IsPrefix ? PrefixBound.UpperBound(Value) : null;
}
