namespace SnoopRecorder.Capture.Export.Reassembled;

/// <summary>What a capture download holds.</summary>
public enum CaptureExportMode
{
    /// <summary>The captured packets as they are (classic pcap, the source's link type).</summary>
    Raw,

    /// <summary>A clean capture rebuilt from the reassembled TCP streams (pcapng, Ethernet): <see cref="ReassembledCaptureWriter"/>.</summary>
    Reassembled,
}
