using System.Buffers;

namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// The bodies of one write batch, copied back to back into pooled chunks, to be appended to the session's body file
/// by the writer thread just before the batch's rows are committed.
/// </summary>
/// <remarks>
/// Appending each body with its own write on the analysing thread cost that thread a third of its time in the
/// kernel (ext4's per-page work on 250 MB of bodies; docs/performance.md). The chunks are large and pooled, so
/// holding them in a queued batch does not make the garbage collector promote anything, which is what holding each
/// body's own array did.
/// </remarks>
internal sealed class BatchBodies : IDisposable
{
    public const int ChunkBytes = 1 << 20;

    private readonly List<byte[]> _chunks = [];
    private int _usedInLast = ChunkBytes;

    /// <summary>Bytes held.</summary>
    public long Length { get; private set; }

    public void Append(ReadOnlySpan<byte> body)
    {
        Length += body.Length;
        while (!body.IsEmpty)
        {
            if (_usedInLast == ChunkBytes)
            {
                _chunks.Add(ArrayPool<byte>.Shared.Rent(ChunkBytes));
                _usedInLast = 0;
            }

            var count = Math.Min(body.Length, ChunkBytes - _usedInLast);
            body[..count].CopyTo(_chunks[^1].AsSpan(_usedInLast));
            _usedInLast += count;
            body = body[count..];
        }
    }

    /// <summary>Appends everything held to <paramref name="file"/>, in order.</summary>
    public void WriteTo(SessionBodyFile file)
    {
        for (var i = 0; i < _chunks.Count; i++)
        {
            var used = i == _chunks.Count - 1 ? _usedInLast : ChunkBytes;
            file.Append(_chunks[i].AsSpan(0, used));
        }
    }

    public void Dispose()
    {
        foreach (var chunk in _chunks)
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        _chunks.Clear();
        _usedInLast = ChunkBytes;
        Length = 0;
    }
}
