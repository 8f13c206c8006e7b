using System.IO.Enumeration;
using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Storage;

namespace SnoopRecorder.Api.Retention;

/// <summary>
/// How many bytes the data directory holds: every file under it (the database with its -wal and -shm files, captures/,
/// bodies/, the disk reserve, the API key hash), summed by a directory walk. The walk is cheap (two files per session)
/// but is not repeated more than once per <see cref="CacheFor"/>, whoever asks.
/// </summary>
public sealed class DataUsage(IOptions<StorageOptions> options, TimeProvider timeProvider)
{
    /// <summary>How long a measurement is reused.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);

    private static readonly EnumerationOptions WalkOptions = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        // The default skips hidden files, which on Linux are those whose name starts with a dot.
        AttributesToSkip = FileAttributes.None,
    };

    private readonly string _root = Path.GetFullPath(options.Value.DataDirectory);
    private readonly Lock _lock = new();
    private long _bytes;
    private long _measuredAt;
    private bool _measured;

    /// <summary>The data directory's size in bytes, measured at most <see cref="CacheFor"/> ago.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _measured && timeProvider.GetElapsedTime(_measuredAt) < CacheFor ? _bytes : MeasureLocked();
            }
        }
    }

    /// <summary>Walks the data directory now and returns its size in bytes.</summary>
    public long Measure()
    {
        lock (_lock)
        {
            return MeasureLocked();
        }
    }

    /// <summary>Forgets the last measurement: the next <see cref="Bytes"/> walks the directory (after a deletion, say).</summary>
    public void Invalidate()
    {
        lock (_lock)
        {
            _measured = false;
        }
    }

    private long MeasureLocked()
    {
        _bytes = Walk(_root);
        _measuredAt = timeProvider.GetTimestamp();
        _measured = true;
        return _bytes;
    }

    private static long Walk(string root)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        // A file deleted during the walk reads as length 0 (FileSystemEntry does not throw for it).
        var lengths = new FileSystemEnumerable<long>(root, static (ref FileSystemEntry entry) => entry.Length, WalkOptions)
        {
            ShouldIncludePredicate = static (ref FileSystemEntry entry) => !entry.IsDirectory,
        };
        try
        {
            return lengths.Sum();
        }
        catch (DirectoryNotFoundException)
        {
            // The data directory itself removed during the walk (folders below it that vanish are skipped).
            return 0;
        }
    }
}
