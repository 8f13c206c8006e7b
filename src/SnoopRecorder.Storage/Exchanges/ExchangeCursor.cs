using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;

namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// Position after the last exchange of a page: (request time, id), the list's sort key, so a cursor stays valid while
/// new exchanges are inserted. Opaque to clients: base64url of two big-endian 64-bit integers.
/// </summary>
public readonly record struct ExchangeCursor(long StartedNs, long Id)
{
    private const int EncodedBytes = 2 * sizeof(long);

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[EncodedBytes];
        BinaryPrimitives.WriteInt64BigEndian(bytes, StartedNs);
        BinaryPrimitives.WriteInt64BigEndian(bytes[sizeof(long)..], Id);
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
        if (status != OperationStatus.Done || written != EncodedBytes)
        {
            return false;
        }

        cursor = new ExchangeCursor(
            BinaryPrimitives.ReadInt64BigEndian(bytes),
            BinaryPrimitives.ReadInt64BigEndian(bytes[sizeof(long)..]));
        return true;
    }
}
