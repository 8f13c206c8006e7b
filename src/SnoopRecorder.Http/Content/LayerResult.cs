namespace SnoopRecorder.Http.Content;

/// <summary>How undoing one coding ended, with what was wrong when it was not <see cref="LayerStatus.Done"/>.</summary>
internal readonly record struct LayerResult(LayerStatus Status, string? Problem = null)
{
    public static readonly LayerResult Done = new(LayerStatus.Done);
    public static readonly LayerResult OutputFull = new(LayerStatus.OutputFull);

    public static LayerResult EndsEarly(string what) => new(LayerStatus.NeedMoreData, $"{what} ends before the end of its compressed stream");

    public static LayerResult Invalid(string problem) => new(LayerStatus.InvalidData, problem);
}
