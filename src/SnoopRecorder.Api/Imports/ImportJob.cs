namespace SnoopRecorder.Api.Imports;

/// <summary>One queued analysis; <see cref="Completion"/> finishes when the worker is done with it.</summary>
public sealed class ImportJob(string sessionId, string captureFile)
{
    private readonly TaskCompletionSource<ImportOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string SessionId { get; } = sessionId;
    public string CaptureFile { get; } = captureFile;
    public Task<ImportOutcome> Completion => _completion.Task;

    internal void Complete(ImportOutcome outcome) => _completion.TrySetResult(outcome);
}
