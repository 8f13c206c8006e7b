using Microsoft.Win32.SafeHandles;

namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// The append-only file that holds a session's stored bodies back to back; exchange rows keep each body's offset and
/// length.
/// </summary>
/// <remarks>
/// Bodies are most of what an import writes (265 MB of 275 MB on the benchmark capture). As SQLite blobs they went
/// through the WAL and again through the checkpoint and tripled the import's time; appended to a file they cost one
/// sequential write. The batch writer appends a batch's bodies (<see cref="BatchBodies"/>) before committing its rows,
/// so a committed row never refers to bytes that were not handed to the operating system.
/// </remarks>
internal sealed class SessionBodyFile : IDisposable
{
    private readonly SafeFileHandle _handle;
    private long _length;

    public SessionBodyFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        _length = RandomAccess.GetLength(_handle);
    }

    /// <summary>The file's length: where the next <see cref="Append"/> writes.</summary>
    public long Length => _length;

    /// <summary>Appends the bytes and returns their offset in the file.</summary>
    public long Append(ReadOnlySpan<byte> body)
    {
        var offset = _length;
        RandomAccess.Write(_handle, body, offset);
        _length += body.Length;
        return offset;
    }

    public void Dispose() => _handle.Dispose();

    /// <summary>Reads <paramref name="length"/> bytes at <paramref name="offset"/>; empty when the file or the range is gone.</summary>
    public static byte[] Read(string path, long offset, int length)
    {
        if (length <= 0 || !File.Exists(path))
        {
            return [];
        }

        using var handle = File.OpenHandle(path);
        var body = new byte[length];
        var read = RandomAccess.Read(handle, body, offset);
        return read == length ? body : body[..read];
    }
}
