using System.Buffers.Binary;

namespace SnoopRecorder.Http.Content;

/// <summary>
/// Reads DEFLATE's bit stream: bits are taken from each byte least significant first, and multi-bit values are packed
/// starting with their least significant bit (RFC 1951 §3.1.1). Input is loaded ahead in whole bytes, and
/// <see cref="BytePosition"/> gives back those not consumed, so at the end of a stream it points just after it.
/// </summary>
internal ref struct DeflateBitReader(ReadOnlySpan<byte> input)
{
    private readonly ReadOnlySpan<byte> _input = input;
    private int _position;
    private ulong _bits;
    private int _count;

    /// <summary>Bits loaded and not yet consumed.</summary>
    public readonly int Available => _count;

    /// <summary>Index of the first input byte not consumed; exact at a byte boundary.</summary>
    public readonly int BytePosition => _position - (_count >> 3);

    /// <summary>Loads input until <paramref name="count"/> bits are available; false when the input ends first.</summary>
    public bool Fill(int count)
    {
        if (_count >= count)
        {
            return true;
        }

        // Away from the end, load as many whole bytes as the buffer takes in one read instead of one at a time.
        if (_input.Length - _position >= sizeof(ulong))
        {
            var bytes = (63 - _count) >> 3;
            var word = BinaryPrimitives.ReadUInt64LittleEndian(_input[_position..]);
            _bits |= (word & ((1UL << (bytes * 8)) - 1)) << _count;
            _position += bytes;
            _count += bytes * 8;
            return _count >= count;
        }

        while (_count < count)
        {
            if (_position == _input.Length)
            {
                return false;
            }

            _bits |= (ulong)_input[_position++] << _count;
            _count += 8;
        }

        return true;
    }

    /// <summary>The next <paramref name="count"/> bits without consuming them; bits past the input's end read as 0.</summary>
    public readonly int Peek(int count) => (int)(_bits & ((1UL << count) - 1));

    public void Drop(int count)
    {
        _bits >>= count;
        _count -= count;
    }

    /// <summary>Reads a <paramref name="count"/>-bit value (at most 32); false when the input ends first.</summary>
    public bool TryRead(int count, out int value)
    {
        if (!Fill(count))
        {
            value = 0;
            return false;
        }

        value = Peek(count);
        Drop(count);
        return true;
    }

    /// <summary>Skips to the next byte boundary (the rest of the current byte is padding).</summary>
    public void AlignToByte() => Drop(_count & 7);

    /// <summary>Copies <paramref name="count"/> bytes from a byte boundary to <paramref name="output"/> (a stored block).</summary>
    public LayerStatus CopyBytes(int count, BoundedOutput output)
    {
        // After alignment the buffer holds whole bytes only; they come first.
        while (count > 0 && _count >= 8)
        {
            if (!output.TryWrite((byte)_bits))
            {
                return LayerStatus.OutputFull;
            }

            Drop(8);
            count--;
        }

        var available = Math.Min(count, _input.Length - _position);
        var written = output.Write(_input.Slice(_position, available));
        _position += written;
        if (written < available)
        {
            return LayerStatus.OutputFull;
        }

        return available < count ? LayerStatus.NeedMoreData : LayerStatus.Done;
    }
}
