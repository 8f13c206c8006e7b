namespace SnoopRecorder.Http.Content;

/// <summary>
/// Decodes one raw DEFLATE stream (RFC 1951) held whole in memory, into a bounded output.
/// </summary>
/// <remarks>
/// System.IO.Compression's streams cannot be used here: given input that stops inside the compressed stream they end
/// as if it were complete, and saying that a body was cut short (by the capture, by the storage cap, or by its sender)
/// is the point. This decoder knows where the stream's final block ends, so it tells a whole stream from a cut one, and
/// it stops writing at the output limit however large the stream would expand (a decompression bomb).
/// </remarks>
internal sealed partial class Inflater
{
    private const int EndOfBlock = 256;
    private const int FirstLengthSymbol = 257;

    private readonly HuffmanTable _literals = new(HuffmanTable.MaxCodeLength);
    private readonly HuffmanTable _distances = new(HuffmanTable.MaxCodeLength);
    private readonly HuffmanTable _codeLengths = new(CodeLengthCodeBits);
    private readonly byte[] _lengths = new byte[MaxLiteralCodes + MaxDistanceCodes];

    /// <summary>
    /// Inflates the stream at the start of <paramref name="input"/>, appending to <paramref name="output"/>.
    /// <paramref name="consumed"/> is the length of the stream when it ended properly (what follows is not read).
    /// </summary>
    public LayerResult Inflate(ReadOnlySpan<byte> input, BoundedOutput output, out int consumed)
    {
        var reader = new DeflateBitReader(input);
        var result = InflateBlocks(ref reader, output, streamStart: output.Length);
        if (result.Status == LayerStatus.Done)
        {
            reader.AlignToByte();
        }

        consumed = reader.BytePosition;
        return result;
    }

    private LayerResult InflateBlocks(ref DeflateBitReader reader, BoundedOutput output, int streamStart)
    {
        while (true)
        {
            if (!reader.TryRead(3, out var header))
            {
                return new LayerResult(LayerStatus.NeedMoreData);
            }

            var blockStart = reader.BytePosition;
            var type = header >> 1;
            LayerResult result;
            if (type == 0)
            {
                result = CopyStoredBlock(ref reader, output);
            }
            else if (type == 1)
            {
                result = InflateCodes(ref reader, output, streamStart, FixedLiterals, FixedDistances);
            }
            else if (type == 2)
            {
                result = ReadDynamicCodes(ref reader);
                if (result.Status == LayerStatus.Done)
                {
                    result = InflateCodes(ref reader, output, streamStart, _literals, _distances);
                }
            }
            else
            {
                result = LayerResult.Invalid("invalid block type 3");
            }

            if (result.Status != LayerStatus.Done)
            {
                return result.Status == LayerStatus.InvalidData
                    ? LayerResult.Invalid($"{result.Problem} (in the block starting at byte {blockStart})")
                    : result;
            }

            if ((header & 1) != 0)
            {
                return LayerResult.Done;
            }
        }
    }

    private static LayerResult CopyStoredBlock(ref DeflateBitReader reader, BoundedOutput output)
    {
        reader.AlignToByte();
        if (!reader.TryRead(16, out var length) || !reader.TryRead(16, out var complement))
        {
            return new LayerResult(LayerStatus.NeedMoreData);
        }

        if (length != (~complement & 0xFFFF))
        {
            return LayerResult.Invalid("stored block length does not match its complement");
        }

        return new LayerResult(reader.CopyBytes(length, output));
    }

    private static LayerResult InflateCodes(
        ref DeflateBitReader reader, BoundedOutput output, int streamStart, HuffmanTable literals, HuffmanTable distances)
    {
        while (true)
        {
            var status = literals.Decode(ref reader, out var symbol);
            if (status != LayerStatus.Done)
            {
                return status == LayerStatus.InvalidData ? LayerResult.Invalid("invalid literal/length code") : new LayerResult(status);
            }

            if (symbol < EndOfBlock)
            {
                if (!output.TryWrite((byte)symbol))
                {
                    return LayerResult.OutputFull;
                }

                continue;
            }

            if (symbol == EndOfBlock)
            {
                return LayerResult.Done;
            }

            symbol -= FirstLengthSymbol;
            if (symbol >= LengthBase.Length)
            {
                return LayerResult.Invalid("invalid literal/length code");
            }

            if (!reader.TryRead(LengthExtraBits[symbol], out var extra))
            {
                return new LayerResult(LayerStatus.NeedMoreData);
            }

            var length = LengthBase[symbol] + extra;
            status = distances.Decode(ref reader, out symbol);
            if (status != LayerStatus.Done)
            {
                return status == LayerStatus.InvalidData ? LayerResult.Invalid("invalid distance code") : new LayerResult(status);
            }

            if (symbol >= DistanceBase.Length)
            {
                return LayerResult.Invalid("invalid distance code");
            }

            if (!reader.TryRead(DistanceExtraBits[symbol], out extra))
            {
                return new LayerResult(LayerStatus.NeedMoreData);
            }

            var distance = DistanceBase[symbol] + extra;
            if (distance > output.Length - streamStart)
            {
                return LayerResult.Invalid("distance too far back");
            }

            if (output.CopyMatch(distance, length) < length)
            {
                return LayerResult.OutputFull;
            }
        }
    }
}
