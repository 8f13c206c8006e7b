using System.Globalization;

namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// Status filter: any of several codes (<c>404</c>), classes (<c>5xx</c>) and ranges (<c>400-499</c>), and
/// <c>none</c> for requests that got no response.
/// </summary>
public sealed record StatusFilter
{
    public const int MaxItems = 20;
    public const string NoneKeyword = "none";

    public static readonly string Accepted =
        "a three-digit status code (404), a class (1xx to 5xx), a range (400-499), none (no response), "
        + $"or up to {MaxItems} of these separated by commas (404,5xx,none)";

    private const int MinCode = 100;
    private const int MaxCode = 999;
    private const int CodeLength = 3;

    /// <summary>The codes from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public StatusFilter(int min, int max)
        : this([new StatusRange(min, max)], includesNone: false)
    {
    }

    public StatusFilter(IReadOnlyList<StatusRange> ranges, bool includesNone)
    {
        if (ranges.Count == 0 && !includesNone)
        {
            throw new ArgumentException("A status filter matches at least one range or none.", nameof(ranges));
        }

        Ranges = ranges;
        IncludesNone = includesNone;
    }

    public IReadOnlyList<StatusRange> Ranges { get; }

    /// <summary>Also matches exchanges without a response (status null).</summary>
    public bool IncludesNone { get; }

    public static bool TryParse(string? text, out StatusFilter? filter)
    {
        filter = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var ranges = new List<StatusRange>();
        var none = false;
        var items = 0;
        foreach (var part in text.AsSpan().Split(','))
        {
            var item = text.AsSpan()[part].Trim();
            if (++items > MaxItems)
            {
                return false;
            }

            if (item.Equals(NoneKeyword, StringComparison.OrdinalIgnoreCase))
            {
                none = true;
            }
            else if (TryParseItem(item, out var range))
            {
                ranges.Add(range);
            }
            else
            {
                return false;
            }
        }

        filter = new StatusFilter(ranges, none);
        return true;
    }

    /// <summary>As the filter is written: <c>404,500-599,none</c>.</summary>
    public override string ToString() =>
        string.Join(',', Ranges.Select(r => r.IsSingleCode
            ? r.Min.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{r.Min}-{r.Max}")).Concat(IncludesNone ? [NoneKeyword] : []));

    public bool Equals(StatusFilter? other) =>
        other is not null && IncludesNone == other.IncludesNone && Ranges.SequenceEqual(other.Ranges);

    public override int GetHashCode() => Ranges.Aggregate(IncludesNone.GetHashCode(), HashCode.Combine);

    private static bool TryParseItem(ReadOnlySpan<char> item, out StatusRange range)
    {
        range = default;
        if (item.Length == CodeLength && item[1] is 'x' or 'X' && item[2] is 'x' or 'X' && item[0] is >= '1' and <= '5')
        {
            var hundreds = (item[0] - '0') * 100;
            range = new StatusRange(hundreds, hundreds + 99);
            return true;
        }

        var dash = item.IndexOf('-');
        if (dash < 0)
        {
            return TryParseCode(item, out var code) && Set(code, code, out range);
        }

        return TryParseCode(item[..dash], out var min) && TryParseCode(item[(dash + 1)..], out var max) && min <= max
            && Set(min, max, out range);
    }

    private static bool TryParseCode(ReadOnlySpan<char> text, out int code) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out code)
        && text.Length == CodeLength && code is >= MinCode and <= MaxCode;

    private static bool Set(int min, int max, out StatusRange range)
    {
        range = new StatusRange(min, max);
        return true;
    }
}
