using System.Buffers.Binary;

namespace SnoopRecorder.Http.Content;

/// <summary>
/// Decodes the <c>deflate</c> content coding: a zlib stream (RFC 1950) as RFC 9110 §8.4.1.2 defines it, or raw DEFLATE
/// data (RFC 1951) as some servers send instead. The two are told apart by the zlib header, which raw data practically
/// never imitates (it would have to start with a non-final stored block with non-zero padding bits).
/// </summary>
internal static class ZlibInflater
{
    private const int HeaderLength = 2;
    private const int TrailerLength = 4;
    private const int MethodDeflate = 8;
    private const int MaxWindowInfo = 7;
    private const int FlagPresetDictionary = 0x20;

    public static LayerResult Decode(ReadOnlySpan<byte> input, BoundedOutput output)
    {
        if (!HasZlibHeader(input))
        {
            var raw = new Inflater().Inflate(input, output, out _);
            return Describe(raw, "raw deflate data", 0);
        }

        if ((input[1] & FlagPresetDictionary) != 0)
        {
            return LayerResult.Invalid("zlib data needs a preset dictionary, which HTTP has no way to name");
        }

        var start = output.Length;
        var inflated = new Inflater().Inflate(input[HeaderLength..], output, out var consumed);
        if (inflated.Status != LayerStatus.Done)
        {
            return Describe(inflated, "zlib data", HeaderLength);
        }

        var position = HeaderLength + consumed;
        if (input.Length - position < TrailerLength)
        {
            return LayerResult.EndsEarly("zlib data");
        }

        return Adler32.Compute(output.Written[start..]) == BinaryPrimitives.ReadUInt32BigEndian(input[position..])
            ? LayerResult.Done
            : LayerResult.Invalid($"zlib data is corrupt: the Adler-32 at byte {position} does not match the decoded data");
    }

    /// <summary>RFC 1950 §2.2: method 8, a window of at most 32 KiB, and a header that is a multiple of 31.</summary>
    public static bool HasZlibHeader(ReadOnlySpan<byte> input) =>
        input.Length >= HeaderLength
        && (input[0] & 0x0F) == MethodDeflate
        && input[0] >> 4 <= MaxWindowInfo
        && ((input[0] << 8) | input[1]) % 31 == 0;

    private static LayerResult Describe(LayerResult inflated, string what, int deflateStart) => inflated.Status switch
    {
        LayerStatus.NeedMoreData => LayerResult.EndsEarly(what),
        LayerStatus.InvalidData => LayerResult.Invalid($"{what} is corrupt: {inflated.Problem}, counting from its deflate data at byte {deflateStart}"),
        _ => inflated,
    };
}
