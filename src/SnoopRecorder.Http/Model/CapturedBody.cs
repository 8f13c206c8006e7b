namespace SnoopRecorder.Http.Model;

/// <summary>
/// A message body after transfer decoding (de-chunked) but with its Content-Encoding kept.
/// <see cref="Data"/> holds at most the configured cap; <see cref="Size"/> is the real decoded size.
/// </summary>
public sealed class CapturedBody
{
    public static readonly CapturedBody Empty = new() { Data = ReadOnlyMemory<byte>.Empty, Size = 0 };

    public required ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>Real size in bytes of the decoded body, also beyond the cap (bytes lost in a gap are counted).</summary>
    public required long Size { get; init; }

    /// <summary>True when <see cref="Data"/> stops at the cap and <see cref="Size"/> is larger.</summary>
    public bool Truncated => Size > Data.Length;
}
