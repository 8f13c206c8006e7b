using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Http.Tests.TestSupport;

public enum StepKind
{
    Data,
    Gap,
    End,

    /// <summary>The next <see cref="Step.GapLength"/> bytes of the side had another copy (<see cref="HttpConversation.OnConflict"/>).</summary>
    Conflict,
}

/// <summary>
/// One input of a scripted connection; the packet index is the step's position unless given. <see cref="Acknowledged"/>
/// is the TCP acknowledgment a data step's packet carried, as an offset in the other side's stream (-1: none).
/// </summary>
public sealed record Step(ConversationSide Side, StepKind Kind, byte[] Bytes, long GapLength = 0, long TimestampNs = 0, long PacketIndex = -1, long Acknowledged = -1)
{
    public static Step Data(ConversationSide side, string ascii) => new(side, StepKind.Data, Wire.Bytes(ascii));

    public static Step Data(ConversationSide side, byte[] bytes) => new(side, StepKind.Data, bytes);

    public static Step Gap(ConversationSide side, long length) => new(side, StepKind.Gap, [], length);

    public static Step Conflict(ConversationSide side, long length) => new(side, StepKind.Conflict, [], length);

    public static Step End(ConversationSide side) => new(side, StepKind.End, []);
}
