using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Http.Parsing;

/// <summary>
/// The decoded body of the message being parsed: its first bytes up to the cap, and its real size. Body bytes are
/// copied here straight from the input span. After a gap nothing more is stored, so the stored bytes are always an
/// exact prefix of the body. The array's bytes are taken from the conversation's <see cref="ConversationMemory"/>; a
/// detached body hands its share over with it (its exchange holds it until emitted), a dropped one gives it back.
/// </summary>
internal sealed class BodyBuffer
{
    private const int InitialCapacity = 4 * 1024;

    // A Content-Length is only a claim: allocate at most this much up front and grow as bytes really arrive.
    private const int MaxUpfrontCapacity = 64 * 1024;

    private readonly int _cap;
    private readonly ConversationMemory _memory;
    private byte[]? _data;
    private int _stored;
    private long _size;
    private bool _stopped;
    private bool _budgetSpent;

    public BodyBuffer(int cap, ConversationMemory memory)
    {
        _cap = cap;
        _memory = memory;
    }

    /// <summary>Decoded size so far, gap bytes included.</summary>
    public long Size => _size;

    /// <summary>True once the body has outgrown the cap, or stopped being stored because the budget was spent.</summary>
    public bool ExceedsCap => _size > _cap || _budgetSpent;

    public void Reset(long expectedLength)
    {
        Release();
        _stored = 0;
        _size = 0;
        _stopped = false;
        _budgetSpent = false;
        if (expectedLength > 0 && _cap > 0)
        {
            var upfront = (int)Math.Min(Math.Min(expectedLength, _cap), MaxUpfrontCapacity);
            if (_memory.TryTakeIfFree(upfront))
            {
                _data = new byte[upfront];
            }
        }
    }

    /// <summary>Drops what is held and gives its bytes back.</summary>
    public void Release()
    {
        _memory.Give(_data?.Length ?? 0);
        _data = null;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        _size += bytes.Length;
        if (_stopped || _stored >= _cap)
        {
            return;
        }

        var take = Math.Min(bytes.Length, _cap - _stored);
        if (!EnsureCapacity(_stored + take))
        {
            // The analysis holds as many body bytes as it may: this body keeps what it has (an exact prefix).
            _stopped = true;
            _budgetSpent = true;
            _memory.CountBodyCut();
            return;
        }

        bytes[..take].CopyTo(_data.AsSpan(_stored));
        _stored += take;
    }

    /// <summary>Counts bytes that were never captured and stops storing.</summary>
    public void Skip(long length)
    {
        _size += Math.Max(length, 0);
        _stopped = true;
    }

    /// <summary>
    /// Hands the body over with <paramref name="heldBytes"/>, the share of memory its array holds, which the caller
    /// now owns and gives back; the buffer is empty afterwards.
    /// </summary>
    public CapturedBody Detach(out int heldBytes)
    {
        heldBytes = 0;
        if (_size == 0)
        {
            Release();
            return CapturedBody.Empty;
        }

        // The array leaves with the body: it is the exchange's now, and stays counted until the exchange is emitted.
        heldBytes = _data?.Length ?? 0;

        var body = new CapturedBody
        {
            Data = _data is null ? ReadOnlyMemory<byte>.Empty : new ReadOnlyMemory<byte>(_data, 0, _stored),
            Size = _size,
        };
        _data = null;
        _stored = 0;
        _size = 0;
        return body;
    }

    /// <summary>Grows the array to hold <paramref name="needed"/> bytes; false when the budget cannot give them.</summary>
    private bool EnsureCapacity(int needed)
    {
        var current = _data?.Length ?? 0;
        if (needed <= current)
        {
            return true;
        }

        var length = Math.Min(_cap, Math.Max(needed, Math.Max(InitialCapacity, current * 2)));
        if (!_memory.TryTakeIfFree(length - current))
        {
            // Grow only by what is needed before giving up (making room for it first): the last bytes of the budget
            // still store something.
            length = needed;
            if (!_memory.TryTake(length - current))
            {
                return false;
            }
        }

        var grown = new byte[length];
        _data.AsSpan(0, _stored).CopyTo(grown);
        _data = grown;
        return true;
    }
}
