
namespace SnoopRecorder.Packets.Tests.TestSupport;

internal enum StreamEventKind
{
    Data,
    Gap,
    Conflict,
    End,
    Closed,
}

internal sealed record StreamEvent(StreamEventKind Kind, TcpDirection Direction, long Length, string? Text, long TimestampNs, long PacketIndex)
{
    public override string ToString()
    {
        var side = Direction == TcpDirection.FromInitiator ? "I" : "R";
        return Kind switch
        {
            StreamEventKind.Data => $"{side}:data({Text})",
            StreamEventKind.Gap => $"{side}:gap({Length})",
            StreamEventKind.Conflict => $"{side}:conflict({Length})",
            StreamEventKind.End => $"{side}:end",
            _ => $"closed({Text})",
        };
    }
}
