using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace SnoopRecorder.Api.Imports;

/// <summary>
/// Analyses waiting for the <see cref="ImportWorker"/>, at most <see cref="ImportOptions.MaxQueuedImports"/>. A place is
/// reserved before an upload is read (<see cref="TryReserve"/>), so that an upload with no place is refused before
/// anything of it is written; it counts as waiting from then until a lane takes its job (or the upload fails).
/// </summary>
public sealed class ImportQueue(IOptions<ImportOptions> options)
{
    private readonly Channel<ImportJob> _jobs = Channel.CreateUnbounded<ImportJob>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly int _limit = options.Value.MaxQueuedImports;
    private int _waiting;

    /// <summary>Imports reserved or queued and not yet taken by a lane.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>The most imports that may wait (<c>Snoop:MaxQueuedImports</c>).</summary>
    public int Limit => _limit;

    /// <summary>A place in the queue, or null when <see cref="Limit"/> imports wait already.</summary>
    public ImportQueueSlot? TryReserve()
    {
        var waiting = Volatile.Read(ref _waiting);
        while (waiting < _limit)
        {
            var seen = Interlocked.CompareExchange(ref _waiting, waiting + 1, waiting);
            if (seen == waiting)
            {
                return new ImportQueueSlot(this);
            }

            waiting = seen;
        }

        return null;
    }

    /// <summary>Jobs in the order they were queued, each counted out of <see cref="Waiting"/> as it is taken.</summary>
    internal async IAsyncEnumerable<ImportJob> TakeAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var job in _jobs.Reader.ReadAllAsync(cancellationToken))
        {
            Interlocked.Decrement(ref _waiting);
            yield return job;
        }
    }

    /// <summary>Queues the job of a reserved place; its place stays counted until a lane takes it.</summary>
    internal ImportJob Enqueue(string sessionId, string captureFile)
    {
        var job = new ImportJob(sessionId, captureFile);
        if (!_jobs.Writer.TryWrite(job))
        {
            throw new InvalidOperationException("The import queue is closed.");
        }

        return job;
    }

    /// <summary>Gives back a reserved place that was not used.</summary>
    internal void Release() => Interlocked.Decrement(ref _waiting);
}
