using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// An address as the analysis stores it: dotted quad for IPv4, RFC 5952 text for IPv6 (lower case, the longest run of
/// two or more zero groups compressed, the first on a tie, IPv4-mapped addresses as <c>::ffff:a.b.c.d</c>). .NET's own
/// formatting differs for IPv4-compatible addresses (<c>::a00:1</c> prints as <c>::10.0.0.1</c>), so it is not used.
/// </summary>
internal static class IpAddressText
{
    private const int Groups = 8;

    public static string Format(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return address.ToString();
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return "::ffff:" + address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        Span<int> groups = stackalloc int[Groups];
        for (var i = 0; i < Groups; i++)
        {
            groups[i] = (bytes[2 * i] << 8) | bytes[(2 * i) + 1];
        }

        var (bestStart, bestLength) = LongestZeroRun(groups);
        var text = new StringBuilder(39);
        for (var i = 0; i < Groups; i++)
        {
            if (i == bestStart)
            {
                text.Append("::");
                i += bestLength - 1;
                continue;
            }

            if (i > 0 && i != bestStart + bestLength)
            {
                text.Append(':');
            }

            text.Append(groups[i].ToString("x", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static (int Start, int Length) LongestZeroRun(ReadOnlySpan<int> groups)
    {
        int bestStart = -1, bestLength = 0;
        for (var i = 0; i < groups.Length;)
        {
            if (groups[i] != 0)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < groups.Length && groups[i] == 0)
            {
                i++;
            }

            if (i - start > bestLength)
            {
                bestStart = start;
                bestLength = i - start;
            }
        }

        return bestLength < 2 ? (-1, 0) : (bestStart, bestLength);
    }
}
