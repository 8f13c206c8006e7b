using Microsoft.Extensions.Options;

namespace SnoopRecorder.Api.Storage;

/// <summary>
/// A few megabytes of the data directory's file system held back in a file, so that the service can still store how a
/// session ended when the disk fills: a session whose writes failed releases the reserve just before it stores its
/// final state (measured: on a full disk that last update failed with SQLITE_FULL and the session showed
/// <c>recording</c> long after it had stopped). The reserve is made again at each start, when there is room.
/// </summary>
public sealed partial class DiskReserve(IOptions<StorageOptions> options, ILogger<DiskReserve> logger)
{
    public const string FileName = "disk-reserve.bin";
    public const int ReserveBytes = 4 << 20;

    public string FilePath => Path.Combine(Path.GetFullPath(options.Value.DataDirectory), FileName);

    /// <summary>Makes the reserve if it is missing or short; a disk too full for it is logged, not fatal.</summary>
    public void Ensure()
    {
        var path = FilePath;
        if (File.Exists(path) && new FileInfo(path).Length == ReserveBytes)
        {
            return;
        }

        try
        {
            // Written, not just sized: a file extended with SetLength is sparse and reserves nothing.
            using (var file = new FileStream(path, FileMode.Create, FileAccess.Write))
            {
                var zeros = new byte[1 << 20];
                for (var written = 0; written < ReserveBytes; written += zeros.Length)
                {
                    file.Write(zeros);
                }

                file.Flush(flushToDisk: true);
            }
        }
        catch (IOException e)
        {
            TryDelete(path);
            Log.ReserveNotMade(logger, path, e.Message);
        }
    }

    /// <summary>Gives the reserved space back to the file system; true when there was a reserve to give.</summary>
    public bool Release() => TryDelete(FilePath);

    private static bool TryDelete(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
