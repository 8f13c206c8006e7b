using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Storage;

namespace SnoopRecorder.Api.Imports;

/// <summary>The capture files of sessions: <c>{DataDirectory}/captures/{sessionId}.pcap</c> or <c>.pcapng</c>.</summary>
public sealed class CaptureStore(IOptions<StorageOptions> options)
{
    private readonly string _folder = options.Value.CapturesDirectory;

    public string FileNameFor(string sessionId, string format) => $"{sessionId}.{format}";

    public string PathOf(string fileName) => Path.Combine(_folder, fileName);

    /// <summary>
    /// Creates a new, empty capture file for writing; fails if one exists. Unbuffered: callers write in large blocks
    /// already, and what arrived is on disk at once.
    /// </summary>
    public FileStream Create(string fileName)
    {
        Directory.CreateDirectory(_folder);
        return new FileStream(PathOf(fileName), FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0, useAsync: true);
    }

    public void Delete(string fileName)
    {
        try
        {
            File.Delete(PathOf(fileName));
        }
        catch (IOException)
        {
            // A capture that cannot be removed now is only disk space; the session row is what matters.
        }
    }
}
