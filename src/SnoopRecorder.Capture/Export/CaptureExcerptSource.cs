using SnoopRecorder.Capture.Files;

namespace SnoopRecorder.Capture.Export;

/// <summary>
/// One capture file read once, in file order, handing out only the records of some TCP connections
/// (<see cref="ConnectionPacketSelector"/>). The current record is copied, so it stays valid while other sources read.
/// </summary>
public sealed class CaptureExcerptSource : IDisposable
{
    // How often the read loop looks at the cancellation token while it skips records.
    private const int CancellationCheckInterval = 4096;

    private readonly PcapFileReader _reader;
    private readonly ConnectionPacketSelector _selector;
    private byte[] _packet = new byte[2048];
    private int _packetLength;
    private long _nextIndex;

    private CaptureExcerptSource(PcapFileReader reader, ConnectionPacketSelector selector)
    {
        _reader = reader;
        _selector = selector;
    }

    /// <summary>The capture's link-layer type as a pcap header names it (a LINKTYPE_ value, not libpcap's DLT_).</summary>
    public int LinkType => FileLinkType.FromDlt(_reader.LinkType);

    /// <summary>Packet time of the current record, Unix nanoseconds.</summary>
    public long TimestampNs { get; private set; }

    /// <summary>Length of the current packet on the wire.</summary>
    public int WireLength { get; private set; }

    /// <summary>The current record's captured bytes, valid until the next <see cref="MoveNext"/>.</summary>
    public ReadOnlySpan<byte> Packet => _packet.AsSpan(0, _packetLength);

    /// <summary>Opens a capture file (pcap or pcapng, through libpcap) to select the packets of these connections.</summary>
    /// <exception cref="InvalidCaptureFileException">libpcap cannot read the file as a capture.</exception>
    public static CaptureExcerptSource Open(string path, IEnumerable<ConnectionWindow> windows) =>
        new(PcapFileReader.Open(path), new ConnectionPacketSelector(windows));

    /// <summary>
    /// Advances to the next selected record; false at the end of the file, past the last window, or where the file is
    /// damaged or still being written (a cut record ends the excerpt: what came before it stands).
    /// </summary>
    public bool MoveNext(CancellationToken cancellationToken)
    {
        while (_nextIndex <= _selector.EndIndex)
        {
            if (_nextIndex % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (_reader.ReadNext(out var data, out var timestampNs, out var wireLength) != PcapReadStatus.Packet)
            {
                return false;
            }

            var index = _nextIndex++;
            if (_selector.Selects(_reader.LinkType, data, timestampNs, index))
            {
                if (data.Length > _packet.Length)
                {
                    _packet = new byte[data.Length];
                }

                data.CopyTo(_packet);
                _packetLength = data.Length;
                TimestampNs = timestampNs;
                WireLength = wireLength;
                return true;
            }
        }

        return false;
    }

    public void Dispose() => _reader.Dispose();
}
