using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;

namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// Position after the last exchange of a page: (request time, id), the list's sort key, so a cursor stays valid while
/// new exchanges are inserted, and the direction of the list it continues. Opaque to clients: base64url of one byte
/// of direction and two big-endian 64-bit integers.
/// </summary>
public readonly record struct ExchangeCursor(long StartedNs, long Id, ExchangeOrder Order = ExchangeOrder.Ascending)
{
    private const int EncodedBytes = 1 + (2 * sizeof(long));

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[EncodedBytes];
        bytes[0] = (byte)Order;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], StartedNs);
        BinaryPrimitives.WriteInt64BigEndian(bytes[(1 + sizeof(long))..], Id);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string? text, out ExchangeCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > Base64Url.GetEncodedLength(EncodedBytes))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[EncodedBytes];
        var status = Base64Url.DecodeFromChars(text, bytes, out _, out var written);
        if (status != OperationStatus.Done || written != EncodedBytes || bytes[0] > (byte)ExchangeOrder.Descending)
        {
            return false;
        }

        cursor = new ExchangeCursor(
            BinaryPrimitives.ReadInt64BigEndian(bytes[1..]),
            BinaryPrimitives.ReadInt64BigEndian(bytes[(1 + sizeof(long))..]),
            (ExchangeOrder)bytes[0]);
        return true;
    }
}
