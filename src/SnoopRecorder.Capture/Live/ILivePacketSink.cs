namespace SnoopRecorder.Capture.Live;

/// <summary>
/// Where a live capture's thread puts each packet. It runs on the capture thread while the kernel's ring fills, so it
/// must be as cheap as <c>tcpdump -w</c>'s fwrite: append and return.
/// </summary>
public interface ILivePacketSink
{
    /// <summary>Takes one packet (valid only during the call); false ends the capture (a limit was reached).</summary>
    bool OnPacket(ReadOnlySpan<byte> data, int wireLength, long timestampNs);

    /// <summary>Called on the capture thread at least every <see cref="LiveCapture.FlushIntervalMilliseconds"/>, and last.</summary>
    void Flush();
}
