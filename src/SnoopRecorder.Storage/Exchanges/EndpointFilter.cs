using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// Client or server filter: an IP address in the stored text form (see <see cref="IpAddressText"/>), and the TCP port
/// too when one is given.
/// </summary>
public sealed record EndpointFilter(string Ip, int? Port)
{
    public const string Accepted =
        "an IPv4 or IPv6 address, optionally with a port (10.0.0.1, 10.0.0.1:8080, 2001:db8::1, [2001:db8::1]:443)";

    private const int MaxPort = 65_535;

    public static bool TryParse(string? text, out EndpointFilter? filter)
    {
        filter = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        string address;
        string? port = null;
        if (text[0] == '[')
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close < text.Length - 1 && text[close + 1] != ':'))
            {
                return false;
            }

            address = text[1..close];
            port = close < text.Length - 1 ? text[(close + 2)..] : null;
            if (!address.Contains(':', StringComparison.Ordinal))
            {
                return false;
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            address = text[..colon];
            port = text[(colon + 1)..];
        }
        else
        {
            address = text;
        }

        if (!TryParseAddress(address, out var ip))
        {
            return false;
        }

        int? portNumber = null;
        if (port is not null)
        {
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > MaxPort)
            {
                return false;
            }

            portNumber = value;
        }

        filter = new EndpointFilter(IpAddressText.Format(ip), portNumber);
        return true;
    }

    private static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            // No zone ("%eth0"): stored addresses have none.
            return !text.Contains('%', StringComparison.Ordinal) && IPAddress.TryParse(text, out address!)
                && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        // Strictly a dotted quad: IPAddress.TryParse also takes "10.1" and octal or hex parts.
        var parts = text.Split('.');
        if (parts.Length != 4 || !parts.All(p => p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit) && int.Parse(p, CultureInfo.InvariantCulture) <= 255))
        {
            return false;
        }

        address = IPAddress.Parse(string.Join('.', parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture))));
        return true;
    }
}
