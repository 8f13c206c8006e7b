namespace SnoopRecorder.TestSupport.Captures;

/// <summary>TCP control bits as they sit in byte 13 of the header (RFC 9293 §3.1).</summary>
[Flags]
public enum SegmentFlags : byte
{
    None = 0,
    Fin = 1,
    Syn = 2,
    Rst = 4,
    Psh = 8,
    Ack = 16,
}
