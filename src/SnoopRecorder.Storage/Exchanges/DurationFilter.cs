using System.Globalization;

namespace SnoopRecorder.Storage.Exchanges;

/// <summary>Duration filter: exchanges that took at least <see cref="MinNs"/> from the first request byte to the last response byte.</summary>
public sealed record DurationFilter(long MinNs)
{
    public const string Accepted = "a number of milliseconds, 0 or more, fractions allowed (250, 1.5)";

    private const decimal NanosecondsPerMillisecond = 1_000_000m;

    // About 292 years: the largest whole number of milliseconds whose nanoseconds fit in a long.
    private const decimal MaxMilliseconds = long.MaxValue / 1_000_000;

    /// <summary>Parses milliseconds (<c>1.5</c>); a fraction finer than a nanosecond rounds up.</summary>
    public static bool TryParseMilliseconds(string? text, out DurationFilter? filter)
    {
        filter = null;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var milliseconds)
            || milliseconds > MaxMilliseconds)
        {
            return false;
        }

        filter = new DurationFilter((long)decimal.Ceiling(milliseconds * NanosecondsPerMillisecond));
        return true;
    }
}
