namespace SnoopRecorder.Http.Parsing;

/// <summary>
/// One input call held back while a parser waits; Data refers to a slice of the deferred bytes. StreamOffset is where the
/// input begins in the direction's stream and Acknowledged what its packet acknowledged (-1: not known).
/// </summary>
internal readonly record struct DeferredEvent(
    DeferredEventKind Kind, int Offset, long Length, long TimestampNs, long PacketIndex, long StreamOffset, long Acknowledged);
