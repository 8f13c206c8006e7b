using System.Globalization;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Capture.Export.Reassembled;

/// <summary>The texts a reassembled capture carries in its section header and its closing statistics block.</summary>
internal static class ReassembledCaptureComments
{
    /// <summary>What the file is, and how to read what was synthesised and what is missing (written first: no counts).</summary>
    public static string Section(string description) =>
        $"SnoopRecorder reassembled capture of {description}. Every TCP connection is rebuilt from its reassembled byte "
        + "streams: each direction's bytes once and in order (retransmissions, duplicates and overlaps removed, first "
        + $"copy kept), in segments of at most {EthernetTcpFrame.MaxIpv4Payload} (IPv4) or {EthernetTcpFrame.MaxIpv6Payload} "
        + "(IPv6) payload bytes with valid checksums, at the times of the captured packets that carried them (never "
        + "going backwards). Ethernet addresses are derived from the IP addresses; other traffic is left out. Handshakes "
        + "and closes that were not captured are synthesised, and those packets carry a comment starting 'synthesised:'. "
        + "Bytes that were not captured are not invented: the sequence numbers jump over them and the first packet after "
        + "each gap carries a comment starting 'gap:'. Bytes that had a different copy in another captured segment "
        + "(overlapping segments that disagree) are written as first seen, and the first packet that carries them has a "
        + "comment starting 'conflict:'. Totals are in the statistics block at the end of the file.";

    /// <summary>The totals, known once everything is written.</summary>
    public static string Totals(RebuildSummary summary) => string.Create(
        CultureInfo.InvariantCulture,
        $"SnoopRecorder totals: {summary.Frames} packets, {summary.Connections} connections rebuilt "
        + $"({summary.SynthesizedHandshakes} with a synthesised handshake, {summary.SynthesizedCloses} with a synthesised close), "
        + $"{summary.DataBytes} payload bytes, {summary.Gaps} gaps ({summary.GapBytes} bytes not captured), "
        + $"{summary.Conflicts} conflicts ({summary.ConflictBytes} bytes that had a different copy, first copy kept).");
}
