using System.Buffers.Binary;

namespace SnoopRecorder.Packets;

/// <summary>
/// The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of the data as 16-bit
/// big-endian words, used by the IPv4 header and by TCP over its pseudo-header (RFC 9293 §3.1, RFC 8200 §8.1).
/// </summary>
public static class InternetChecksum
{
    /// <summary>
    /// Adds <paramref name="data"/> to a running sum. Every span added before the last must have an even length (a
    /// pseudo-header, a header), so that words stay aligned; an odd last byte is padded with zero.
    /// </summary>
    public static ulong Add(ulong sum, ReadOnlySpan<byte> data)
    {
        // 32-bit words summed into 64 bits lose no carry, and 2^16 ≡ 1 in ones' complement arithmetic, so folding
        // at the end gives the sum of the 16-bit words (RFC 1071 §2 (B), (C)).
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        }

        if (i + 2 <= data.Length)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
            i += 2;
        }

        if (i < data.Length)
        {
            sum += (ulong)data[i] << 8;
        }

        return sum;
    }

    /// <summary>Folds a running sum to 16 bits and complements it: the value to put in the checksum field.</summary>
    public static ushort Complete(ulong sum)
    {
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>The checksum of <paramref name="data"/> alone.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => Complete(Add(0, data));
}
