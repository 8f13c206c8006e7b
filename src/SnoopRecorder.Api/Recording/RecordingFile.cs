using SnoopRecorder.Capture.Files;
using SnoopRecorder.Capture.Live;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Recording;

/// <summary>
/// A live session's capture file as the capture thread's sink: every packet is appended as it arrives, within the
/// session's packet and byte limits, and flushed often, so the analysis (and a download) can follow the file.
/// </summary>
internal sealed class RecordingFile(PcapFileWriter writer, RecordingLimits limits) : ILivePacketSink, IDisposable
{
    private readonly ManualResetEventSlim _flushed = new();
    private long _packets;
    private long _bytes;

    /// <summary>Packets written.</summary>
    public long Packets => Interlocked.Read(ref _packets);

    /// <summary>Captured bytes written (packet data, without pcap headers).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The limit that ended the capture, if one did.</summary>
    public string? LimitReached { get; private set; }

    /// <summary>Complete records a reader may take.</summary>
    public long FlushedLength => writer.FlushedLength;

    /// <summary>Set after each flush; the analysis waits on it when it has caught up.</summary>
    public WaitHandle Flushed => _flushed.WaitHandle;

    public void ResetFlushed() => _flushed.Reset();

    public bool OnPacket(ReadOnlySpan<byte> data, int wireLength, long timestampNs)
    {
        if (limits.MaxBytes is { } maxBytes && _bytes + data.Length > maxBytes)
        {
            // The capture never holds more than maxBytes: the packet that would pass it is not kept.
            LimitReached = StopReasons.MaxBytes;
            return false;
        }

        writer.Write(timestampNs, data, wireLength);
        Interlocked.Exchange(ref _bytes, _bytes + data.Length);
        var packets = Interlocked.Increment(ref _packets);
        if (limits.MaxPackets is { } maxPackets && packets >= maxPackets)
        {
            LimitReached = StopReasons.MaxPackets;
            return false;
        }

        return true;
    }

    public void Flush()
    {
        writer.Flush();
        _flushed.Set();
    }

    public void Dispose()
    {
        writer.Dispose();
        _flushed.Dispose();
    }
}
