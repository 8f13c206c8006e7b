using System.Buffers;

namespace SnoopRecorder.Http.Parsing;

/// <summary>
/// Bytes of a head (start line and header lines) or trailer section while it is not whole yet. Only heads are
/// buffered, never bodies, and never more than the section limit the caller passes. The array is pooled. The bytes
/// held are taken from the conversation's <see cref="ConversationMemory"/>: when it has no room, a line is refused
/// like one past the section limit.
/// </summary>
internal sealed class LineBuffer(ConversationMemory memory)
{
    private const int InitialCapacity = 512;

    // Buffers grown by one huge head are returned to the pool rather than kept for the connection's lifetime.
    private const int RetainedCapacity = 8 * 1024;

    private byte[] _buffer = [];
    private int _length;
    private int _lineStart;
    private bool _lineComplete;

    // Bytes of the content taken from the memory budget and not handed over (see TakeCharge).
    private int _charged;

    public int Length => _length;

    public bool IsEmpty => _length == 0;

    /// <summary>Lines completed since the last <see cref="Clear"/>.</summary>
    public int LineCount { get; private set; }

    public ReadOnlySpan<byte> Content => _buffer.AsSpan(0, _length);

    /// <summary>The line being read, or the line just completed, without its line ending.</summary>
    public ReadOnlySpan<byte> CurrentLine => HttpSyntax.TrimLineEnding(_buffer.AsSpan(_lineStart, _length - _lineStart));

    /// <summary>
    /// Appends bytes up to and including the next LF. Never holds more than <paramref name="maxLength"/> bytes in all;
    /// <see cref="LineStatus.TooLong"/> also when the memory budget has no room for them (nothing is appended then).
    /// </summary>
    public LineStatus ReadLine(ReadOnlySpan<byte> input, int maxLength, out int consumed)
    {
        if (_lineComplete)
        {
            _lineStart = _length;
            _lineComplete = false;
        }

        var lf = input.IndexOf(HttpSyntax.Lf);
        var take = lf < 0 ? input.Length : lf + 1;
        var room = Math.Max(maxLength - _length, 0);
        var fits = take <= room;
        consumed = fits ? take : room;
        if (!memory.TryTake(consumed))
        {
            memory.CountHeadCut();
            consumed = 0;
            return LineStatus.TooLong;
        }

        _charged += consumed;
        Append(input[..consumed]);
        if (!fits)
        {
            return LineStatus.TooLong;
        }

        if (lf < 0)
        {
            return LineStatus.NeedMore;
        }

        _lineComplete = true;
        LineCount++;
        return LineStatus.LineComplete;
    }

    /// <summary>
    /// Hands the memory share of the content over to the caller (a parsed head keeps it until its exchange is
    /// emitted); <see cref="Clear"/> then gives nothing back for it.
    /// </summary>
    public int TakeCharge()
    {
        var charged = _charged;
        _charged = 0;
        return charged;
    }

    public void Clear()
    {
        GiveBack();
        _length = 0;
        _lineStart = 0;
        _lineComplete = false;
        LineCount = 0;
        if (_buffer.Length > RetainedCapacity)
        {
            Release();
        }
    }

    /// <summary>Returns the pooled array; the buffer stays usable.</summary>
    public void Release()
    {
        GiveBack();
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        _length = 0;
        _lineStart = 0;
        _lineComplete = false;
        LineCount = 0;
    }

    private void GiveBack()
    {
        memory.Give(_charged);
        _charged = 0;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        var needed = _length + bytes.Length;
        if (needed > _buffer.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(InitialCapacity, _buffer.Length * 2)));
            _buffer.AsSpan(0, _length).CopyTo(grown);
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = grown;
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length = needed;
    }
}
