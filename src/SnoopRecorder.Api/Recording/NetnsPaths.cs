using System.Text.RegularExpressions;

namespace SnoopRecorder.Api.Recording;

/// <summary>
/// The only namespace files a <c>netns</c> target may open: a name under /run/netns (what <c>ip netns add</c> makes),
/// /run/netns/NAME itself, or /proc/PID/ns/net. Anything else is refused before a file is touched.
/// </summary>
internal static partial class NetnsPaths
{
    public const string NamedFolder = "/run/netns/";
    public const string Accepted = "a name made by 'ip netns add' (letters, digits, '.', '_', '-'), /run/netns/NAME or /proc/PID/ns/net";

    /// <summary>The file to open for <paramref name="netns"/>, or null when it names no allowed place.</summary>
    public static string? Resolve(string netns)
    {
        if (NamePattern().IsMatch(netns) && netns is not "." and not "..")
        {
            return NamedFolder + netns;
        }

        return NamedPathPattern().IsMatch(netns) && !netns.EndsWith("/.", StringComparison.Ordinal) && !netns.EndsWith("/..", StringComparison.Ordinal)
            || ProcessPathPattern().IsMatch(netns)
                ? netns
                : null;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^/run/netns/[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamedPathPattern();

    [GeneratedRegex("^/proc/[1-9][0-9]{0,9}/ns/net$")]
    private static partial Regex ProcessPathPattern();
}
