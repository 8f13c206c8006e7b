namespace SnoopRecorder.Http.Parsing;

/// <summary>Outcome of reading one line into a <see cref="LineBuffer"/>.</summary>
internal enum LineStatus
{
    NeedMore,
    LineComplete,

    /// <summary>The section would exceed its byte limit; the buffer holds what fitted.</summary>
    TooLong,
}
