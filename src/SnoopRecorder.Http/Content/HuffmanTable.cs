namespace SnoopRecorder.Http.Content;

/// <summary>
/// A canonical Huffman code of DEFLATE (RFC 1951 §3.2.2) as a single lookup table indexed by the next
/// <see cref="Bits"/> input bits. DEFLATE sends a code's bits most significant first inside its least-significant-first
/// bit stream, so each code is entered bit-reversed, repeated for every value of the bits that follow it.
/// </summary>
internal sealed class HuffmanTable
{
    public const int MaxCodeLength = 15;

    // (symbol << 4) | code length; 0 where no code matches those bits (an incomplete code).
    private readonly ushort[] _entries;

    public HuffmanTable(int maxCodeLength)
    {
        _entries = new ushort[1 << maxCodeLength];
    }

    /// <summary>How many bits index the table: the longest code length (1 when there are no codes).</summary>
    public int Bits { get; private set; } = 1;

    /// <summary>
    /// Builds the code from the code length of each symbol (0: unused). Like zlib, accepts a set with no codes at all
    /// (using it fails), and an incomplete set only when <paramref name="allowSingleCode"/> and it is one code of length 1.
    /// </summary>
    /// <returns>Null when built, else why the lengths do not form a code.</returns>
    public string? Build(ReadOnlySpan<byte> lengths, bool allowSingleCode)
    {
        Span<int> counts = stackalloc int[MaxCodeLength + 1];
        foreach (var length in lengths)
        {
            counts[length]++;
        }

        counts[0] = 0;

        var longest = MaxCodeLength;
        while (longest > 0 && counts[longest] == 0)
        {
            longest--;
        }

        Bits = Math.Max(longest, 1);
        var size = 1 << Bits;
        _entries.AsSpan(0, size).Clear();
        if (longest == 0)
        {
            return null;
        }

        var left = 1;
        for (var length = 1; length <= MaxCodeLength; length++)
        {
            left = (left << 1) - counts[length];
            if (left < 0)
            {
                return "over-subscribed code lengths";
            }
        }

        if (left > 0 && !(allowSingleCode && longest == 1))
        {
            return "incomplete code lengths";
        }

        Span<int> next = stackalloc int[MaxCodeLength + 1];
        var code = 0;
        for (var length = 1; length <= MaxCodeLength; length++)
        {
            code = (code + counts[length - 1]) << 1;
            next[length] = code;
        }

        for (var symbol = 0; symbol < lengths.Length; symbol++)
        {
            int length = lengths[symbol];
            if (length == 0)
            {
                continue;
            }

            var entry = (ushort)((symbol << 4) | length);
            for (var index = Reverse(next[length]++, length); index < size; index += 1 << length)
            {
                _entries[index] = entry;
            }
        }

        return null;
    }

    /// <summary>Decodes the next symbol.</summary>
    public LayerStatus Decode(ref DeflateBitReader reader, out int symbol)
    {
        // Near the end of the input fewer bits may be left than the table's width; the missing ones read as 0, which
        // is fine when the code found is no longer than the bits actually there.
        reader.Fill(Bits);
        int entry = _entries[reader.Peek(Bits)];
        var length = entry & 0xF;
        symbol = entry >> 4;
        if (length == 0)
        {
            return reader.Available < Bits ? LayerStatus.NeedMoreData : LayerStatus.InvalidData;
        }

        if (length > reader.Available)
        {
            return LayerStatus.NeedMoreData;
        }

        reader.Drop(length);
        return LayerStatus.Done;
    }

    private static int Reverse(int code, int length)
    {
        var reversed = 0;
        for (var i = 0; i < length; i++)
        {
            reversed = (reversed << 1) | (code & 1);
            code >>= 1;
        }

        return reversed;
    }
}
