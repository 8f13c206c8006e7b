using SnoopRecorder.Capture.Files;

namespace SnoopRecorder.Capture.Export.Reassembled;

/// <summary>
/// One capture file read once, in file order, for a reassembled export: every record, or only those of some TCP
/// connections (<see cref="ConnectionPacketSelector"/>), handed out in packet-time order within the same bounded
/// window the analysis uses (<see cref="PacketReorderWindow"/>), so the reassembly sees what the analysis saw.
/// </summary>
public sealed class ReassembledCaptureSource : IDisposable
{
    // How often the read loop looks at the cancellation token while it skips records.
    private const int CancellationCheckInterval = 4096;

    private readonly PcapFileReader _reader;
    private readonly ConnectionPacketSelector? _selector;
    private readonly PacketReorderWindow _window = new();
    private long _nextIndex;
    private bool _endOfFile;
    private HeldPacket _current;
    private bool _hasCurrent;

    private ReassembledCaptureSource(PcapFileReader reader, ConnectionPacketSelector? selector)
    {
        _reader = reader;
        _selector = selector;
    }

    /// <summary>The capture's link type as libpcap reports it (what <see cref="Packets.PacketDecoder"/> takes).</summary>
    public int DecoderLinkType => _reader.LinkType;

    /// <summary>Packet time of the current record, Unix nanoseconds.</summary>
    public long TimestampNs => _current.TimestampNs;

    /// <summary>The current record's number in the file (0-based).</summary>
    public long Index => _current.Index;

    /// <summary>The current record's captured bytes, valid until the next <see cref="MoveNext"/>.</summary>
    public ReadOnlySpan<byte> Frame => _current.Frame;

    /// <summary>
    /// Opens a capture file (pcap or pcapng, through libpcap): all its records when <paramref name="windows"/> is null,
    /// else those of these connections.
    /// </summary>
    /// <exception cref="InvalidCaptureFileException">libpcap cannot read the file as a capture.</exception>
    public static ReassembledCaptureSource Open(string path, IEnumerable<ConnectionWindow>? windows) =>
        new(PcapFileReader.Open(path), windows is null ? null : new ConnectionPacketSelector(windows));

    /// <summary>
    /// Advances to the next record in packet-time order; false at the end of the file, past the last window, or where
    /// the file is damaged or still being written (a cut record ends the source: what came before it stands).
    /// </summary>
    public bool MoveNext(CancellationToken cancellationToken)
    {
        ReleaseCurrent();
        while (!_endOfFile && !_window.IsOverfull)
        {
            Read(cancellationToken);
        }

        _hasCurrent = _window.TryPop(out _current);
        return _hasCurrent;
    }

    public void Dispose()
    {
        ReleaseCurrent();
        _window.Dispose();
        _reader.Dispose();
    }

    private void Read(CancellationToken cancellationToken)
    {
        if (_nextIndex % CancellationCheckInterval == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        if ((_selector is not null && _nextIndex > _selector.EndIndex)
            || _reader.ReadNext(out var data, out var timestampNs) != PcapReadStatus.Packet)
        {
            _endOfFile = true;
            return;
        }

        var index = _nextIndex++;
        if (_selector is null || _selector.Selects(_reader.LinkType, data, timestampNs, index))
        {
            _window.Push(data, timestampNs, index);
        }
    }

    private void ReleaseCurrent()
    {
        if (_hasCurrent)
        {
            PacketReorderWindow.Release(_current);
            _hasCurrent = false;
        }
    }
}
