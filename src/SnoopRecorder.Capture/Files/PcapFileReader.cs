using System.Runtime.InteropServices;
using SharpPcap;
using SharpPcap.LibPcap;

namespace SnoopRecorder.Capture.Files;

/// <summary>
/// Reads a pcap or pcapng file record by record through libpcap (SharpPcap), with nanosecond timestamps and no
/// allocation per packet.
/// </summary>
/// <remarks>
/// SharpPcap's <c>GetNextPacket</c> allocates a header and a <c>PosixTimeval</c> (with a decimal) for every packet;
/// <c>GetNextPacketPointers</c> hands out libpcap's own <c>pcap_pkthdr</c> and data pointers instead, valid until the
/// next call. The file is opened with nanosecond precision, so libpcap scales every file's timestamps to nanoseconds
/// and <c>tv_usec</c> holds nanoseconds.
/// </remarks>
internal sealed class PcapFileReader : IDisposable
{
    // pcap_next_ex return codes (pcap.h).
    private const int PacketRead = 1;
    private const int EndOfFile = -2;

    private readonly CaptureFileReaderDevice _device;

    private PcapFileReader(CaptureFileReaderDevice device)
    {
        _device = device;
        LinkType = (int)device.LinkType;
    }

    /// <summary>The file's link-layer type (a LINKTYPE_ value: 1 Ethernet, 113 Linux cooked...).</summary>
    public int LinkType { get; }

    /// <summary>libpcap's message for the last read error.</summary>
    public string LastError => _device.LastError;

    /// <exception cref="InvalidCaptureFileException">libpcap cannot open the file as a capture.</exception>
    public static PcapFileReader Open(string path)
    {
        var device = new CaptureFileReaderDevice(path);
        try
        {
            device.Open(new DeviceConfiguration { TimestampResolution = TimestampResolution.Nanosecond });
            return new PcapFileReader(device);
        }
        catch (PcapException e)
        {
            device.Dispose();
            throw new InvalidCaptureFileException($"libpcap cannot read the file: {e.Message}", e);
        }
        catch (DllNotFoundException e)
        {
            device.Dispose();
            throw new InvalidOperationException("libpcap is not installed (Debian: apt-get install libpcap0.8).", e);
        }
    }

    /// <summary>Reads the next record; <paramref name="data"/> stays valid until the next call.</summary>
    public PcapReadStatus ReadNext(out ReadOnlySpan<byte> data, out long timestampNs) =>
        ReadNext(out data, out timestampNs, out _);

    /// <summary>
    /// Reads the next record and the length the packet had on the wire (at least the captured length);
    /// <paramref name="data"/> stays valid until the next call.
    /// </summary>
    public unsafe PcapReadStatus ReadNext(out ReadOnlySpan<byte> data, out long timestampNs, out int wireLength)
    {
        IntPtr header = default, payload = default;
        var status = _device.GetNextPacketPointers(ref header, ref payload);
        if (status != PacketRead)
        {
            data = default;
            timestampNs = 0;
            wireLength = 0;
            return status == EndOfFile ? PcapReadStatus.EndOfFile : PcapReadStatus.Error;
        }

        var h = (PcapPacketHeader*)header;
        timestampNs = (h->Seconds * 1_000_000_000L) + h->Nanoseconds;
        data = new ReadOnlySpan<byte>((void*)payload, (int)h->CapturedLength);
        wireLength = (int)Math.Min(Math.Max(h->WireLength, h->CapturedLength), int.MaxValue);
        return PcapReadStatus.Packet;
    }

    public void Dispose() => _device.Dispose();

    /// <summary><c>struct pcap_pkthdr</c> on 64-bit Linux: a <c>struct timeval</c> then two 32-bit lengths.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct PcapPacketHeader
    {
        public readonly long Seconds;
        public readonly long Nanoseconds;
        public readonly uint CapturedLength;
        public readonly uint WireLength;
    }
}
