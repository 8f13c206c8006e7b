namespace SnoopRecorder.Http.Parsing;

/// <summary>One input call held back while a parser waits; Data refers to a slice of the deferred bytes.</summary>
internal readonly record struct DeferredEvent(DeferredEventKind Kind, int Offset, long Length, long TimestampNs, long PacketIndex);
