namespace SnoopRecorder.Http.Content;

internal sealed partial class Inflater
{
    private const int MaxLiteralCodes = 286;
    private const int MaxDistanceCodes = 30;
    private const int CodeLengthCodeBits = 7;
    private const int RepeatPrevious = 16;
    private const int RepeatZeroShort = 17;
    private const int RepeatZeroLong = 18;

    // RFC 1951 §3.2.5: lengths 3..258 of symbols 257..285 and distances 1..32768 of symbols 0..29.
    private static readonly ushort[] LengthBase =
        [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];

    private static readonly byte[] LengthExtraBits =
        [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];

    private static readonly ushort[] DistanceBase =
    [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
        8193, 12289, 16385, 24577,
    ];

    private static readonly byte[] DistanceExtraBits =
        [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

    // RFC 1951 §3.2.7: the order in which the code length code's lengths are sent.
    private static readonly byte[] CodeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

    // RFC 1951 §3.2.6. All 32 distance codes are 5 bits long; 30 and 31 never occur in valid data.
    private static readonly HuffmanTable FixedLiterals = BuildFixed(
        [.. Enumerable.Repeat((byte)8, 144), .. Enumerable.Repeat((byte)9, 112), .. Enumerable.Repeat((byte)7, 24), .. Enumerable.Repeat((byte)8, 8)]);

    private static readonly HuffmanTable FixedDistances = BuildFixed([.. Enumerable.Repeat((byte)5, 32)]);

    /// <summary>Reads the code lengths of a dynamic block (RFC 1951 §3.2.7) and builds its two codes.</summary>
    private LayerResult ReadDynamicCodes(ref DeflateBitReader reader)
    {
        if (!reader.TryRead(14, out var counts))
        {
            return new LayerResult(LayerStatus.NeedMoreData);
        }

        var literalCount = (counts & 0x1F) + 257;
        var distanceCount = ((counts >> 5) & 0x1F) + 1;
        var codeLengthCount = (counts >> 10) + 4;
        if (literalCount > MaxLiteralCodes || distanceCount > MaxDistanceCodes)
        {
            return LayerResult.Invalid("too many length or distance symbols");
        }

        Span<byte> codeLengthLengths = stackalloc byte[CodeLengthOrder.Length];
        codeLengthLengths.Clear();
        for (var i = 0; i < codeLengthCount; i++)
        {
            if (!reader.TryRead(3, out var length))
            {
                return new LayerResult(LayerStatus.NeedMoreData);
            }

            codeLengthLengths[CodeLengthOrder[i]] = (byte)length;
        }

        if (_codeLengths.Build(codeLengthLengths, allowSingleCode: false) is { } problem)
        {
            return LayerResult.Invalid($"invalid code lengths set: {problem}");
        }

        var lengths = _lengths.AsSpan(0, literalCount + distanceCount);
        var result = ReadCodeLengths(ref reader, lengths);
        if (result.Status != LayerStatus.Done)
        {
            return result;
        }

        if (lengths[EndOfBlock] == 0)
        {
            return LayerResult.Invalid("missing end-of-block code");
        }

        if (_literals.Build(lengths[..literalCount], allowSingleCode: true) is { } literalProblem)
        {
            return LayerResult.Invalid($"invalid literal/length code: {literalProblem}");
        }

        return _distances.Build(lengths[literalCount..], allowSingleCode: true) is { } distanceProblem
            ? LayerResult.Invalid($"invalid distance code: {distanceProblem}")
            : LayerResult.Done;
    }

    private LayerResult ReadCodeLengths(ref DeflateBitReader reader, Span<byte> lengths)
    {
        var index = 0;
        while (index < lengths.Length)
        {
            var status = _codeLengths.Decode(ref reader, out var symbol);
            if (status != LayerStatus.Done)
            {
                return status == LayerStatus.InvalidData ? LayerResult.Invalid("invalid code length code") : new LayerResult(status);
            }

            if (symbol < RepeatPrevious)
            {
                lengths[index++] = (byte)symbol;
                continue;
            }

            var (extraBits, minimum) = symbol switch
            {
                RepeatPrevious => (2, 3),
                RepeatZeroShort => (3, 3),
                _ => (7, 11),
            };
            if (symbol == RepeatPrevious && index == 0)
            {
                return LayerResult.Invalid("repeated code length with no previous length");
            }

            if (!reader.TryRead(extraBits, out var extra))
            {
                return new LayerResult(LayerStatus.NeedMoreData);
            }

            var repeat = minimum + extra;
            if (index + repeat > lengths.Length)
            {
                return LayerResult.Invalid("more code lengths than symbols");
            }

            var value = symbol == RepeatPrevious ? lengths[index - 1] : (byte)0;
            lengths.Slice(index, repeat).Fill(value);
            index += repeat;
        }

        return LayerResult.Done;
    }

    private static HuffmanTable BuildFixed(byte[] lengths)
    {
        var table = new HuffmanTable(HuffmanTable.MaxCodeLength);
        table.Build(lengths, allowSingleCode: false);
        return table;
    }
}
