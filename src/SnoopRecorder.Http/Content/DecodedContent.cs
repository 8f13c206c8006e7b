namespace SnoopRecorder.Http.Content;

/// <summary>A body with its content codings undone, as far as that went.</summary>
public sealed class DecodedContent
{
    /// <summary>The decoded bytes: all of them, or those decoded before the limit or a failure.</summary>
    public required ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>True when decoding stopped at the output limit with more still to come (a decompression bomb).</summary>
    public bool Truncated { get; init; }

    /// <summary>
    /// Why decoding failed, when the data is corrupt or ends inside its compressed stream; <see cref="Data"/> then
    /// holds what was decoded before that point. Null when decoding succeeded (or stopped at the limit).
    /// </summary>
    public string? Error { get; init; }

    public bool Failed => Error is not null;
}
