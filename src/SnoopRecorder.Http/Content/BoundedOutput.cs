namespace SnoopRecorder.Http.Content;

/// <summary>
/// Decoded bytes, growing as needed up to a hard limit; also the LZ77 window of the inflater, which copies its
/// back-references from what it already wrote.
/// </summary>
internal sealed class BoundedOutput
{
    private const int MinimumCapacity = 4096;

    private byte[] _buffer;
    private int _length;

    public BoundedOutput(int limit, int expectedLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        Limit = limit;
        _buffer = new byte[Math.Clamp(expectedLength, Math.Min(MinimumCapacity, limit), limit)];
    }

    public int Limit { get; }

    public int Length => _length;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    /// <summary>Appends one byte; false when the limit is reached.</summary>
    public bool TryWrite(byte value)
    {
        if (_length == _buffer.Length && Reserve(1) == 0)
        {
            return false;
        }

        _buffer[_length++] = value;
        return true;
    }

    /// <summary>Appends as much of <paramref name="data"/> as the limit allows and returns how much that was.</summary>
    public int Write(ReadOnlySpan<byte> data)
    {
        var count = Reserve(data.Length);
        data[..count].CopyTo(_buffer.AsSpan(_length));
        _length += count;
        return count;
    }

    /// <summary>
    /// Appends <paramref name="length"/> bytes copied from <paramref name="distance"/> bytes back (RFC 1951 §3.2.3),
    /// as many as the limit allows; the caller has checked that <paramref name="distance"/> does not reach before the
    /// start. Returns how many were appended.
    /// </summary>
    public int CopyMatch(int distance, int length)
    {
        var count = Reserve(length);
        var from = _length - distance;
        if (distance >= count)
        {
            _buffer.AsSpan(from, count).CopyTo(_buffer.AsSpan(_length));
        }
        else
        {
            // Overlapping: the copy repeats the last `distance` bytes, so it must go forward one byte at a time.
            for (var i = 0; i < count; i++)
            {
                _buffer[_length + i] = _buffer[from + i];
            }
        }

        _length += count;
        return count;
    }

    /// <summary>Free space to decode into (grown first when full); empty once the limit is reached.</summary>
    public Span<byte> GetFreeSpan()
    {
        if (_length == _buffer.Length)
        {
            Reserve(_buffer.Length);
        }

        return _buffer.AsSpan(_length);
    }

    /// <summary>Counts bytes written into the span <see cref="GetFreeSpan"/> returned.</summary>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _length);
        _length += count;
    }

    /// <summary>Makes room for up to <paramref name="wanted"/> more bytes within the limit; returns how many fit.</summary>
    private int Reserve(int wanted)
    {
        var count = Math.Min(wanted, Limit - _length);
        var needed = _length + count;
        if (needed > _buffer.Length)
        {
            var grown = (int)Math.Min(Math.Max((long)_buffer.Length * 2, needed), Limit);
            Array.Resize(ref _buffer, grown);
        }

        return count;
    }
}
