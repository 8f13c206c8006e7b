using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SnoopRecorder.Packets;

/// <summary>
/// An IPv4 or IPv6 address as a 128-bit value, comparable and hashable without allocation.
/// IPv4 addresses are held in their IPv4-mapped form (::ffff:a.b.c.d) with <see cref="IsIPv4"/> set,
/// so an IPv4 address and the IPv6 address ::ffff:a.b.c.d stay distinct values.
/// </summary>
public readonly struct IpAddressValue : IEquatable<IpAddressValue>, IComparable<IpAddressValue>
{
    private const ulong Ipv4MappedPrefix = 0x0000_FFFF_0000_0000UL;
    private const int Ipv6Length = 16;
    private const int Ipv4Length = 4;
    private const int Ipv6Groups = 8;

    private readonly ulong _high;
    private readonly ulong _low;
    private readonly bool _isIPv4;

    private IpAddressValue(ulong high, ulong low, bool isIPv4)
    {
        _high = high;
        _low = low;
        _isIPv4 = isIPv4;
    }

    /// <summary>True for an IPv4 address.</summary>
    public bool IsIPv4 => _isIPv4;

    /// <summary>Builds an IPv4 address from its value in host order (10.0.0.1 is 0x0A000001).</summary>
    public static IpAddressValue FromIPv4(uint address) => new(0, Ipv4MappedPrefix | address, true);

    /// <summary>Builds an IPv4 address from its 4 bytes in network order.</summary>
    public static IpAddressValue FromIPv4(ReadOnlySpan<byte> address) => FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(address));

    /// <summary>Builds an IPv6 address from its 16 bytes in network order.</summary>
    public static IpAddressValue FromIPv6(ReadOnlySpan<byte> address) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(address), BinaryPrimitives.ReadUInt64BigEndian(address[8..]), false);

    /// <summary>Converts from <see cref="IPAddress"/> (IPv4 or IPv6).</summary>
    public static IpAddressValue FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[Ipv6Length];
        address.TryWriteBytes(bytes, out var written);
        return written == Ipv4Length ? FromIPv4(bytes[..Ipv4Length]) : FromIPv6(bytes);
    }

    /// <summary>Parses the usual text forms ("10.0.0.1", "2001:db8::1").</summary>
    public static IpAddressValue Parse(string text) => FromIPAddress(IPAddress.Parse(text));

    /// <summary>Writes the address in network order: 4 bytes for IPv4, 16 for IPv6. Returns the count written.</summary>
    public int WriteBytes(Span<byte> destination)
    {
        if (_isIPv4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)_low);
            return Ipv4Length;
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _low);
        return Ipv6Length;
    }

    /// <summary>Converts to <see cref="IPAddress"/> (allocates).</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[Ipv6Length];
        var length = WriteBytes(bytes);
        return new IPAddress(bytes[..length]);
    }

    public bool Equals(IpAddressValue other) => _low == other._low && _high == other._high && _isIPv4 == other._isIPv4;

    public override bool Equals(object? obj) => obj is IpAddressValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_high, _low, _isIPv4);

    /// <summary>Orders IPv4 before IPv6, then by numeric value.</summary>
    public int CompareTo(IpAddressValue other)
    {
        if (_isIPv4 != other._isIPv4)
        {
            return _isIPv4 ? -1 : 1;
        }

        var byHigh = _high.CompareTo(other._high);
        return byHigh != 0 ? byHigh : _low.CompareTo(other._low);
    }

    public static bool operator ==(IpAddressValue left, IpAddressValue right) => left.Equals(right);

    public static bool operator !=(IpAddressValue left, IpAddressValue right) => !left.Equals(right);

    public static bool operator <(IpAddressValue left, IpAddressValue right) => left.CompareTo(right) < 0;

    public static bool operator >(IpAddressValue left, IpAddressValue right) => left.CompareTo(right) > 0;

    public static bool operator <=(IpAddressValue left, IpAddressValue right) => left.CompareTo(right) <= 0;

    public static bool operator >=(IpAddressValue left, IpAddressValue right) => left.CompareTo(right) >= 0;

    /// <summary>Dotted quad for IPv4; RFC 5952 canonical text for IPv6 (lower case, longest zero run compressed).</summary>
    public override string ToString()
    {
        if (_isIPv4)
        {
            return FormatIPv4((uint)_low);
        }

        if (_high == 0 && (_low >> 32) == 0xFFFF)
        {
            // RFC 5952 §5: IPv4-mapped addresses keep the dotted quad.
            return "::ffff:" + FormatIPv4((uint)_low);
        }

        return FormatIPv6();
    }

    private static string FormatIPv4(uint value) => string.Create(
        CultureInfo.InvariantCulture, $"{value >> 24}.{(value >> 16) & 0xFF}.{(value >> 8) & 0xFF}.{value & 0xFF}");

    private string FormatIPv6()
    {
        Span<ushort> groups = stackalloc ushort[Ipv6Groups];
        for (var i = 0; i < Ipv6Groups; i++)
        {
            var word = i < 4 ? _high : _low;
            groups[i] = (ushort)(word >> (48 - (16 * (i % 4))));
        }

        // RFC 5952 §4.2: compress the longest run of two or more zero groups, the first one on a tie.
        int bestStart = -1, bestLength = 0;
        for (var i = 0; i < Ipv6Groups;)
        {
            if (groups[i] != 0)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < Ipv6Groups && groups[i] == 0)
            {
                i++;
            }

            if (i - start > bestLength)
            {
                bestStart = start;
                bestLength = i - start;
            }
        }

        if (bestLength < 2)
        {
            bestStart = -1;
        }

        var text = new StringBuilder(39);
        for (var i = 0; i < Ipv6Groups; i++)
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
}
