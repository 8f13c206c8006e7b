namespace SnoopRecorder.Api.Imports;

/// <summary>
/// A place reserved in the <see cref="ImportQueue"/> for an upload being read: <see cref="Enqueue"/> fills it with the
/// upload's analysis; disposed unfilled (the upload was refused or broke off), it is given back.
/// </summary>
public sealed class ImportQueueSlot : IDisposable
{
    private ImportQueue? _queue;

    internal ImportQueueSlot(ImportQueue queue) => _queue = queue;

    /// <summary>Queues the analysis of the stored session's capture in this place.</summary>
    public ImportJob Enqueue(string sessionId, string captureFile)
    {
        var queue = _queue ?? throw new InvalidOperationException("This place in the import queue is used already.");
        var job = queue.Enqueue(sessionId, captureFile);
        _queue = null;
        return job;
    }

    public void Dispose()
    {
        _queue?.Release();
        _queue = null;
    }
}
