using System.Globalization;
using System.Text.RegularExpressions;

namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// Parses an ISO 8601 / RFC 3339 date and time that says which offset it is in (<c>Z</c> or <c>±hh:mm</c>) into Unix
/// nanoseconds, keeping up to nine fractional digits.
/// </summary>
public static partial class UnixInstant
{
    public const string Accepted =
        "an ISO 8601 date and time with Z or an offset, up to nanoseconds (2026-11-26T09:20:25Z, 2026-11-26T10:20:25.5+01:00)";

    private const int FractionDigits = 9;
    private const long NanosecondsPerTick = 100;
    private const int MinutesPerHour = 60;

    public static bool TryParse(string? text, out long unixNs)
    {
        unixNs = 0;
        var match = text is null ? Match.Empty : Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var offset = TimeSpan.Zero;
        var zone = match.Groups["zone"].Value;
        if (zone is not ("Z" or "z"))
        {
            var minutes = Number(zone[4..6]);
            if (minutes >= MinutesPerHour)
            {
                return false;
            }

            offset = (zone[0] == '-' ? -1 : 1) * new TimeSpan(Number(zone[1..3]), minutes, 0);
        }

        try
        {
            var instant = new DateTimeOffset(
                Number(match.Groups["year"].Value), Number(match.Groups["month"].Value), Number(match.Groups["day"].Value),
                Number(match.Groups["hour"].Value), Number(match.Groups["minute"].Value), Number(match.Groups["second"].Value),
                offset);
            var fraction = match.Groups["fraction"].Value.PadRight(FractionDigits, '0');
            unixNs = checked(((instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * NanosecondsPerTick) + Number(fraction));
            return true;
        }
        catch (Exception e) when (e is ArgumentException or OverflowException)
        {
            // Day 31 of a 30-day month, an offset beyond ±14:00, or an instant outside the years 1678 to 2262.
            return false;
        }
    }

    private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(
        @"^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})[Tt](?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2})(?:[.,](?<fraction>[0-9]{1,9}))?(?<zone>[Zz]|[+-][0-9]{2}:[0-9]{2})\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
