using System.Threading.Channels;

namespace SnoopRecorder.Api.Imports;

/// <summary>Analyses waiting for the <see cref="ImportWorker"/>. Unbounded: a job is two strings, the data is on disk.</summary>
public sealed class ImportQueue
{
    private readonly Channel<ImportJob> _jobs = Channel.CreateUnbounded<ImportJob>(new UnboundedChannelOptions { SingleWriter = false });

    internal ChannelReader<ImportJob> Reader => _jobs.Reader;

    public ImportJob Enqueue(string sessionId, string captureFile)
    {
        var job = new ImportJob(sessionId, captureFile);
        if (!_jobs.Writer.TryWrite(job))
        {
            throw new InvalidOperationException("The import queue is closed.");
        }

        return job;
    }
}
