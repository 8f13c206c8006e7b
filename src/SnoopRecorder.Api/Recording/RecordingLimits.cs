namespace SnoopRecorder.Api.Recording;

/// <summary>A live session stops by itself at the first of these it reaches (null: no such limit).</summary>
public sealed record RecordingLimits(TimeSpan? MaxDuration, long? MaxPackets, long? MaxBytes)
{
    public static readonly RecordingLimits None = new(null, null, null);
}
