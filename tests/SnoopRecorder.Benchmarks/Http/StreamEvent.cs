using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Benchmarks.Http;

/// <summary>
/// One recorded call of the reassembler; data lies in <see cref="ReassembledStreams.Data"/> at <see cref="Offset"/>, and
/// <see cref="Acknowledged"/> is what its packet acknowledged of the other direction (-1: not known).
/// </summary>
internal readonly record struct StreamEvent(
    int Connection, StreamEventKind Kind, ConversationSide Side, int Offset, int Length, long TimestampNs, long PacketIndex, long Acknowledged);
