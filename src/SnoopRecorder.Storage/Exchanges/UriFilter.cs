namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// Request-target filter: the whole target as sent (<c>/search?q=shoes</c>), exact and case-sensitive, or a prefix when
/// the text ends in <c>*</c> (<c>/search?q=*</c>).
/// </summary>
public sealed record UriFilter(string Value, bool IsPrefix)
{
    public const string Accepted = "an exact request-target (/search?q=shoes) or a prefix ending in * (/search?q=*)";

    private const char QueryStart = '?';

    public static bool TryParse(string? text, out UriFilter? filter)
    {
        filter = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        filter = text[^1] == PathFilter.PrefixMarker
            ? new UriFilter(text[..^1], IsPrefix: true)
            : new UriFilter(text, IsPrefix: false);
        return true;
    }

    /// <summary>The smallest string greater than every target starting with <see cref="Value"/>; see <see cref="PathFilter.UpperBound"/>.</summary>
    public string? UpperBound() => IsPrefix ? PrefixBound.UpperBound(Value) : null;

    /// <summary>
    /// What the filter says about the stored path, so that the path index can find the rows: an origin-form target
    /// (<c>/a/b?x=1</c>) is stored with its path being everything before the first <c>?</c>. A pattern with a
    /// <c>?</c> fixes the path exactly, one without it is a prefix (or the exact value) of the path. Null for patterns
    /// that do not start with <c>/</c> (absolute-form, authority-form, <c>*</c>), whose path is not a part of the text.
    /// </summary>
    public PathFilter? ImpliedPath()
    {
        if (!Value.StartsWith('/'))
        {
            return null;
        }

        var question = Value.IndexOf(QueryStart, StringComparison.Ordinal);
        return question >= 0
            ? new PathFilter(Value[..question], IsPrefix: false)
            : new PathFilter(Value, IsPrefix);
    }
}
