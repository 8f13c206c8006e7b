namespace SnoopRecorder.Http.Content;

/// <summary>How undoing one coding ended.</summary>
internal enum LayerStatus
{
    /// <summary>The coded stream ended properly and every byte of it was decoded.</summary>
    Done,

    /// <summary>The output reached its limit with more still to come.</summary>
    OutputFull,

    /// <summary>The input ended inside the coded stream (cut short: a capture or storage cap, or a broken sender).</summary>
    NeedMoreData,

    /// <summary>The input is not valid data of this coding.</summary>
    InvalidData,
}
