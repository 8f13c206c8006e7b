namespace SnoopRecorder.TestSupport.Fuzzing;

/// <summary>
/// One record of a capture (a pcap record with its 16-byte header, or a whole pcapng block) and where, inside it, its
/// 32-bit length fields and its frame are.
/// </summary>
/// <param name="Bytes">The record as it is in the file.</param>
/// <param name="LengthFields">Offsets in <paramref name="Bytes"/> of caplen/origlen, or of a block's total lengths and captured/original lengths.</param>
/// <param name="FrameOffset">Where the packet's bytes start; -1 for a pcapng block that carries none (SHB, IDB, ...).</param>
public sealed record CaptureRecord(byte[] Bytes, int[] LengthFields, int FrameOffset)
{
    public bool IsPacket => FrameOffset >= 0;
}
