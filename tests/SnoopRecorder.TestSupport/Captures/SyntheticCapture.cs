using System.Buffers.Binary;
using System.Net;

namespace SnoopRecorder.TestSupport.Captures;

/// <summary>
/// Writes a classic pcap file (little-endian, microsecond timestamps, LINKTYPE_ETHERNET) frame by frame, straight to
/// disk, so that captures of any size cost no memory. Every frame gets the capture's clock, which then moves on by
/// <see cref="PacketSpacing"/>.
/// </summary>
public sealed class SyntheticCapture : IDisposable
{
    public const int SnapLength = 262_144;
    private const uint MicrosecondMagic = 0xA1B2C3D4;
    private const int LinkTypeEthernet = 1;
    private const int RecordHeaderLength = 16;

    private readonly FileStream _file;
    private readonly byte[] _frame = new byte[EthernetTcpFrame.HeaderLength + EthernetTcpFrame.MaxPayload];
    private ushort _ipId;

    public SyntheticCapture(string path, DateTimeOffset start)
    {
        Path = path;
        NowNs = (start - DateTimeOffset.UnixEpoch).Ticks * 100;
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, MicrosecondMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeEthernet);
        _file.Write(header);
    }

    public string Path { get; }

    /// <summary>Packet time of the next frame, Unix nanoseconds (the file keeps microseconds).</summary>
    public long NowNs { get; set; }

    /// <summary>How far the clock moves after each frame.</summary>
    public TimeSpan PacketSpacing { get; set; } = TimeSpan.FromMicroseconds(10);

    public long Packets { get; private set; }

    /// <summary>Writes one Ethernet/IPv4/TCP frame at the current time.</summary>
    public void WriteSegment(IPEndPoint source, IPEndPoint target, uint sequence, uint acknowledgment, SegmentFlags flags, ReadOnlySpan<byte> payload)
    {
        var length = EthernetTcpFrame.Write(_frame, source, target, sequence, acknowledgment, flags, payload, _ipId++);
        WriteFrame(_frame.AsSpan(0, length));
    }

    /// <summary>Writes any frame as a record at the current time.</summary>
    public void WriteFrame(ReadOnlySpan<byte> frame)
    {
        Span<byte> header = stackalloc byte[RecordHeaderLength];
        var micros = NowNs / 1000;
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)(micros / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(micros % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)frame.Length);
        _file.Write(header);
        _file.Write(frame);
        Packets++;
        NowNs += PacketSpacing.Ticks * 100;
    }

    /// <summary>A new connection from <paramref name="client"/> to <paramref name="server"/> in this capture.</summary>
    public TcpFlow Flow(IPEndPoint client, IPEndPoint server) => new(this, client, server);

    public void Dispose() => _file.Dispose();
}
