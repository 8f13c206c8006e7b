namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// Tells readers that new exchanges were committed, without saying which: a reader that wakes up asks the database
/// for the exchanges stored after the last one it saw. Nothing is queued per reader, so a reader that falls behind
/// costs no memory, and the writer never waits for one.
/// </summary>
public sealed class ExchangeFeed
{
    private TaskCompletionSource _next = NewSignal();

    /// <summary>
    /// Completes at the first commit of exchanges after this property was read. Read it before looking at what is
    /// stored, then await it: a commit in between still wakes the reader.
    /// </summary>
    public Task NextCommit => Volatile.Read(ref _next).Task;

    /// <summary>Wakes every reader waiting on <see cref="NextCommit"/>; called once a transaction storing exchanges committed.</summary>
    public void Publish() => Interlocked.Exchange(ref _next, NewSignal()).TrySetResult();

    // Continuations run on the thread pool, never on the writer thread that publishes.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
