using SnoopRecorder.Packets;

namespace SnoopRecorder.Capture.Tests.Export;

/// <summary>Collects what a <see cref="TcpStreamRebuilder"/> writes, decoded, in the order it was written.</summary>
internal sealed class ReassembledFrameLog : ISyntheticFrameSink
{
    public List<ReassembledFrame> Frames { get; } = [];

    public void OnFrame(ReadOnlySpan<byte> frame, long timestampNs, string? comment) =>
        Frames.Add(ReassembledFrame.Decode(frame, timestampNs, comment));

    /// <summary>The payload bytes one side wrote, concatenated in order.</summary>
    public byte[] StreamFrom(TcpEndpoint source) => [.. Frames.Where(f => f.Source == source).SelectMany(f => f.Payload)];

    public override string ToString() => string.Join('\n', Frames);
}
