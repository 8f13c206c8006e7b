using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Http.Parsing;

/// <summary>
/// The decoded body of the message being parsed: its first bytes up to the cap, and its real size. Body bytes are
/// copied here straight from the input span. After a gap nothing more is stored, so the stored bytes are always an
/// exact prefix of the body.
/// </summary>
internal sealed class BodyBuffer
{
    private const int InitialCapacity = 4 * 1024;

    // A Content-Length is only a claim: allocate at most this much up front and grow as bytes really arrive.
    private const int MaxUpfrontCapacity = 64 * 1024;

    private readonly int _cap;
    private byte[]? _data;
    private int _stored;
    private long _size;
    private bool _stopped;

    public BodyBuffer(int cap) => _cap = cap;

    /// <summary>Decoded size so far, gap bytes included.</summary>
    public long Size => _size;

    /// <summary>True once the body has outgrown the cap.</summary>
    public bool ExceedsCap => _size > _cap;

    public void Reset(long expectedLength)
    {
        _data = null;
        _stored = 0;
        _size = 0;
        _stopped = false;
        if (expectedLength > 0 && _cap > 0)
        {
            _data = new byte[(int)Math.Min(Math.Min(expectedLength, _cap), MaxUpfrontCapacity)];
        }
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        _size += bytes.Length;
        if (_stopped || _stored >= _cap)
        {
            return;
        }

        var take = Math.Min(bytes.Length, _cap - _stored);
        EnsureCapacity(_stored + take);
        bytes[..take].CopyTo(_data.AsSpan(_stored));
        _stored += take;
    }

    /// <summary>Counts bytes that were never captured and stops storing.</summary>
    public void Skip(long length)
    {
        _size += Math.Max(length, 0);
        _stopped = true;
    }

    /// <summary>Hands the body over; the buffer is empty afterwards.</summary>
    public CapturedBody Detach()
    {
        if (_size == 0)
        {
            _data = null;
            return CapturedBody.Empty;
        }

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

    private void EnsureCapacity(int needed)
    {
        var current = _data?.Length ?? 0;
        if (needed <= current)
        {
            return;
        }

        var grown = new byte[Math.Min(_cap, Math.Max(needed, Math.Max(InitialCapacity, current * 2)))];
        _data.AsSpan(0, _stored).CopyTo(grown);
        _data = grown;
    }
}
