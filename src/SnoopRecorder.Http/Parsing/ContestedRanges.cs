namespace SnoopRecorder.Http.Parsing;

/// <summary>
/// Ranges of one direction's data bytes (stream offsets counting delivered bytes only, not gaps) that had two different
/// copies in the capture, in stream order, until the parser has read past them. Bounded: ranges that touch merge, and
/// past <see cref="MaxRanges"/> all of them merge into one up to the furthest end — a message between two contested
/// ones may then be flagged too (more flags, never fewer).
/// </summary>
internal sealed class ContestedRanges
{
    public const int MaxRanges = 64;

    // A ring of [start, end) pairs, oldest at _first.
    private readonly long[] _starts = new long[MaxRanges];
    private readonly long[] _ends = new long[MaxRanges];
    private int _first;
    private int _count;

    public bool IsEmpty => _count == 0;

    public int Count => _count;

    /// <summary>Adds [<paramref name="start"/>, <paramref name="end"/>); <paramref name="start"/> is never below a previous one.</summary>
    public void Add(long start, long end)
    {
        if (_count > 0)
        {
            var last = Slot(_count - 1);
            if (start <= _ends[last])
            {
                _ends[last] = Math.Max(_ends[last], end);
                return;
            }

            if (_count == MaxRanges)
            {
                _starts[0] = _starts[_first];
                _ends[0] = Math.Max(_ends[last], end);
                _first = 0;
                _count = 1;
                return;
            }
        }

        var slot = Slot(_count);
        _starts[slot] = start;
        _ends[slot] = end;
        _count++;
    }

    /// <summary>Forgets the ranges that end at or before <paramref name="offset"/>.</summary>
    public void DiscardBefore(long offset)
    {
        while (_count > 0 && _ends[_first] <= offset)
        {
            _first = (_first + 1) % MaxRanges;
            _count--;
        }
    }

    /// <summary>
    /// Of the <paramref name="available"/> bytes from <paramref name="offset"/> on, how many (<paramref name="length"/>,
    /// at least 1) are alike, all contested or none; true when they are contested.
    /// </summary>
    public bool Classify(long offset, int available, out int length)
    {
        DiscardBefore(offset);
        if (_count == 0)
        {
            length = available;
            return false;
        }

        var start = _starts[_first];
        if (start > offset)
        {
            length = (int)Math.Min(available, start - offset);
            return false;
        }

        length = (int)Math.Min(available, _ends[_first] - offset);
        return true;
    }

    public void Clear()
    {
        _first = 0;
        _count = 0;
    }

    private int Slot(int position) => (_first + position) % MaxRanges;
}
