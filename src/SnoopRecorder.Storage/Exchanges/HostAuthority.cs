using System.Globalization;

namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// Splits a host as sent (<c>Example.com:8080</c>, <c>[2001:db8::1]:81</c>, <c>10.0.0.1</c>) into a lowercase name and
/// an optional port. Stored rows and the host filter use the same split, so they always agree.
/// </summary>
public static class HostAuthority
{
    private const int MaxPort = 65_535;

    /// <summary>Returns false when the text names a port that is not a number from 1 to 65535.</summary>
    public static bool TrySplit(string host, out string name, out int? port)
    {
        var text = host.Trim();
        port = null;
        var colon = text.LastIndexOf(':');
        var bracketEnd = text.LastIndexOf(']');

        // A colon inside an unbracketed IPv6 literal ("::1") or inside the brackets is not a port separator.
        var hasPort = colon >= 0 && colon > bracketEnd && (bracketEnd >= 0 || text.IndexOf(':') == colon);
        if (!hasPort)
        {
            name = text.ToLowerInvariant();
            return true;
        }

        name = text[..colon].ToLowerInvariant();
        var portText = text[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > MaxPort)
        {
            name = text.ToLowerInvariant();
            return false;
        }

        port = value;
        return true;
    }
}
