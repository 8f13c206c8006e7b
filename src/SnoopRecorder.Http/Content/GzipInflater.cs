using System.Buffers.Binary;

namespace SnoopRecorder.Http.Content;

/// <summary>
/// Decodes gzip data (RFC 1952): one or more members, each a header, a DEFLATE stream and a trailer whose CRC-32 and
/// length are checked. Bytes after the last member that do not start another one are ignored, as gzip(1) does.
/// </summary>
internal static class GzipInflater
{
    private const byte Id1 = 0x1F;
    private const byte Id2 = 0x8B;
    private const byte MethodDeflate = 8;
    private const int FixedHeaderLength = 10;
    private const int TrailerLength = 8;
    private const byte FlagHeaderCrc = 0x02;
    private const byte FlagExtra = 0x04;
    private const byte FlagName = 0x08;
    private const byte FlagComment = 0x10;
    private const byte ReservedFlags = 0xE0;

    public static LayerResult Decode(ReadOnlySpan<byte> input, BoundedOutput output)
    {
        var inflater = new Inflater();
        var position = 0;
        do
        {
            var header = ReadHeader(input[position..], out var headerLength);
            if (header.Status != LayerStatus.Done)
            {
                return header;
            }

            position += headerLength;
            var memberStart = output.Length;
            var inflated = inflater.Inflate(input[position..], output, out var consumed);
            if (inflated.Status != LayerStatus.Done)
            {
                return Describe(inflated, position);
            }

            position += consumed;
            if (input.Length - position < TrailerLength)
            {
                return LayerResult.EndsEarly("gzip data");
            }

            var member = output.Written[memberStart..];
            if (Crc32.Compute(member) != BinaryPrimitives.ReadUInt32LittleEndian(input[position..]))
            {
                return LayerResult.Invalid($"gzip data is corrupt: the CRC-32 in the trailer at byte {position} does not match the decoded data");
            }

            if ((uint)member.Length != BinaryPrimitives.ReadUInt32LittleEndian(input[(position + 4)..]))
            {
                return LayerResult.Invalid($"gzip data is corrupt: the length in the trailer at byte {position + 4} does not match the decoded data");
            }

            position += TrailerLength;
        }
        while (input.Length - position >= 2 && input[position] == Id1 && input[position + 1] == Id2);

        return LayerResult.Done;
    }

    private static LayerResult Describe(LayerResult inflated, int deflateStart) => inflated.Status switch
    {
        LayerStatus.NeedMoreData => LayerResult.EndsEarly("gzip data"),
        LayerStatus.InvalidData => LayerResult.Invalid($"gzip data is corrupt: {inflated.Problem}, counting from its deflate data at byte {deflateStart}"),
        _ => inflated,
    };

    private static LayerResult ReadHeader(ReadOnlySpan<byte> input, out int length)
    {
        length = 0;
        if ((input.Length >= 1 && input[0] != Id1) || (input.Length >= 2 && input[1] != Id2))
        {
            return LayerResult.Invalid("not gzip data: it does not start with the gzip magic number 1F 8B");
        }

        if (input.Length < FixedHeaderLength)
        {
            return LayerResult.EndsEarly("gzip data");
        }

        if (input[2] != MethodDeflate)
        {
            return LayerResult.Invalid($"gzip data uses compression method {input[2]}, not deflate (8)");
        }

        var flags = input[3];
        if ((flags & ReservedFlags) != 0)
        {
            return LayerResult.Invalid("gzip header has reserved flags set");
        }

        var position = FixedHeaderLength;
        if ((flags & FlagExtra) != 0)
        {
            if (input.Length < position + 2)
            {
                return LayerResult.EndsEarly("gzip data");
            }

            position += 2 + BinaryPrimitives.ReadUInt16LittleEndian(input[position..]);
        }

        foreach (var flag in (ReadOnlySpan<byte>)[FlagName, FlagComment])
        {
            if ((flags & flag) == 0)
            {
                continue;
            }

            // A zero-terminated Latin-1 string.
            var end = position < input.Length ? input[position..].IndexOf((byte)0) : -1;
            if (end < 0)
            {
                return LayerResult.EndsEarly("gzip data");
            }

            position += end + 1;
        }

        if ((flags & FlagHeaderCrc) != 0)
        {
            if (position > input.Length - 2)
            {
                return LayerResult.EndsEarly("gzip data");
            }

            if ((ushort)Crc32.Compute(input[..position]) != BinaryPrimitives.ReadUInt16LittleEndian(input[position..]))
            {
                return LayerResult.Invalid("gzip data is corrupt: the header CRC does not match the header");
            }

            position += 2;
        }

        if (position > input.Length)
        {
            return LayerResult.EndsEarly("gzip data");
        }

        length = position;
        return LayerResult.Done;
    }
}
