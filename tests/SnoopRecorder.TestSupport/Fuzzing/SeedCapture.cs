namespace SnoopRecorder.TestSupport.Fuzzing;

/// <summary>A real capture from the corpus, cut to its first whole records within a size budget.</summary>
public sealed record SeedCapture(string Name, CaptureLayout Layout)
{
    public byte[] Bytes { get; } = Layout.ToBytes();
}
