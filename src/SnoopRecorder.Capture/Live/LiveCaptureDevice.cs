using System.Runtime.InteropServices;
using SharpPcap;
using SharpPcap.LibPcap;
using SnoopRecorder.Capture.Export;
using SnoopRecorder.Capture.Namespaces;
using SnoopRecorder.Capture.Targets;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Capture.Live;

/// <summary>
/// A libpcap capture handle opened inside a target's network namespace, read without allocation through SharpPcap's
/// pointer API.
/// </summary>
internal sealed class LiveCaptureDevice : IDisposable
{
    // pcap_next_ex return codes (pcap.h).
    private const int PacketRead = 1;
    private const int ReadTimedOut = 0;

    // How long one read waits for a packet: the longest a stop request waits for the capture thread to notice.
    private const int ReadTimeoutMilliseconds = 100;

    // PCAP_ERRBUF_SIZE (pcap.h).
    private const int PcapErrorBufferLength = 256;

    private readonly LibPcapLiveDevice _device;
    private readonly long _fractionToNanoseconds;
    private readonly int _selectableFd;

    private LiveCaptureDevice(LibPcapLiveDevice device, int linkType, ulong namespaceInode)
    {
        _device = device;
        LinkType = linkType;
        NamespaceInode = namespaceInode;
        _fractionToNanoseconds = device.TimestampResolution == TimestampResolution.Nanosecond ? 1 : 1_000;
        _selectableFd = LibPcapCalls.pcap_get_selectable_fd(device.Handle.DangerousGetHandle());
    }

    /// <summary>The link type packets really arrive with (a LINKTYPE_ value), which SharpPcap does not track.</summary>
    public int LinkType { get; }

    /// <summary>The inode of the namespace the handle was opened in, read by the opening thread while inside.</summary>
    public ulong NamespaceInode { get; }

    public string LastError => _device.LastError;

    /// <summary>Packets the kernel dropped because libpcap's buffer was full (<c>ps_drop</c>); null when unreadable.</summary>
    public long? ReadKernelDropped() =>
        LibPcapCalls.pcap_stats(_device.Handle.DangerousGetHandle(), out var stat) == 0 ? stat.Dropped : null;

    /// <summary>
    /// Waits until the kernel has packets for the handle, at most <paramref name="timeoutMilliseconds"/>. Reads never
    /// block (see <see cref="OpenHere"/>): with TPACKET_V3 libpcap would wait in poll with no timeout until the kernel
    /// retires a block, which it never does while no packet comes, so the capture thread could neither flush what it
    /// had nor notice a stop request.
    /// </summary>
    public void WaitForPackets(int timeoutMilliseconds)
    {
        var fd = new LibPcapCalls.PollFd { Fd = _selectableFd, Events = LibPcapCalls.PollIn };
        _ = LibPcapCalls.poll(ref fd, 1, timeoutMilliseconds);
    }

    /// <summary>Opens the interface in <paramref name="target"/>, or in the service's own namespace when it is null.</summary>
    /// <exception cref="TargetException">No such interface there, an invalid filter, or a missing capability.</exception>
    public static LiveCaptureDevice Open(NetworkNamespace? target, LiveCaptureOptions options) =>
        target is null ? OpenHere(options) : NamespaceWindow.RunInside(target, () => OpenHere(options));

    /// <summary>Reads the next packet; <paramref name="data"/> stays valid until the next call.</summary>
    public unsafe LiveReadStatus ReadNext(out ReadOnlySpan<byte> data, out int wireLength, out long timestampNs)
    {
        IntPtr header = default, payload = default;
        var status = _device.GetNextPacketPointers(ref header, ref payload);
        if (status != PacketRead)
        {
            data = default;
            wireLength = 0;
            timestampNs = 0;
            return status switch
            {
                ReadTimedOut => LiveReadStatus.Timeout,
                _ => LiveReadStatus.Error,
            };
        }

        var h = (PcapPacketHeader*)header;
        timestampNs = (h->Seconds * 1_000_000_000L) + (h->Fraction * _fractionToNanoseconds);
        wireLength = (int)h->WireLength;
        data = new ReadOnlySpan<byte>((void*)payload, (int)h->CapturedLength);
        return LiveReadStatus.Packet;
    }

    public void Dispose() => _device.Dispose();

    // Inside the namespace window: libpcap and /proc calls only (NamespaceWindow says why).
    private static LiveCaptureDevice OpenHere(LiveCaptureOptions options)
    {
        var inode = NetworkNamespace.CurrentThreadInode();

        // A fresh list, enumerated here: LibPcapLiveDeviceList.Instance is a process-wide cache made in whichever
        // namespace touched it first, and the host has interfaces of the same names (eth0, lo).
        var devices = LibPcapLiveDeviceList.New();
        var device = devices.FirstOrDefault(d => d.Name == options.Interface) ?? throw new TargetException(
            TargetProblem.Invalid,
            $"the target's network namespace has no interface '{options.Interface}' " +
            $"(it has: {string.Join(", ", [LiveCaptureOptions.AnyInterface, .. NamespaceInterfaceNames()])})");

        try
        {
            device.Open(new DeviceConfiguration
            {
                Snaplen = options.SnapLength,
                ReadTimeout = ReadTimeoutMilliseconds,
                // Not immediate: libpcap then uses TPACKET_V3, whose ring packs packets into blocks. Immediate mode
                // falls back to a ring of fixed slots sized for the snapshot length (256 KiB each), so 32 MiB held
                // 128 packets and the kernel dropped under load (measured, docs/performance.md). The read timeout
                // retires a partly filled block, so a packet waits at most that long.
                Immediate = false,
                // KernelBufferSize throws on Linux; BufferSize is pcap_set_buffer_size, the ring's size.
                BufferSize = options.KernelBufferBytes,
                TimestampResolution = TimestampResolution.Nanosecond,
            });
        }
        catch (PcapException e)
        {
            throw OpenFailure(options.Interface, e);
        }

        try
        {
            // The link type first: libpcap compiles a filter for the link type of the moment, and a filter compiled
            // for cooked v1's 16-byte header, left in place on v2's 20-byte one, silently rejected about 2% of the
            // packets it should have kept (measured against the veth's counters, libpcap 1.10.3).
            var linkType = ChooseLinkType(device);
            if (!string.IsNullOrWhiteSpace(options.Filter))
            {
                device.Filter = options.Filter;
            }

            SetNonBlocking(device);
            return new LiveCaptureDevice(device, linkType, inode);
        }
        catch (PcapException e)
        {
            device.Dispose();
            throw new TargetException(TargetProblem.Invalid, $"the filter '{options.Filter}' is not a valid BPF expression: {e.Message}", e);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    private static unsafe void SetNonBlocking(LibPcapLiveDevice device)
    {
        var errors = stackalloc byte[PcapErrorBufferLength];
        if (LibPcapCalls.pcap_setnonblock(device.Handle.DangerousGetHandle(), 1, (IntPtr)errors) != 0)
        {
            throw new InvalidOperationException($"libpcap cannot make the capture non-blocking: {new string((sbyte*)errors)}");
        }
    }

    /// <summary>
    /// The network interfaces of the calling thread's namespace (<c>/proc/thread-self/net/dev</c>), without libpcap's
    /// pseudo-devices (nflog, dbus, bluetooth-monitor...), which no request means.
    /// </summary>
    private static IEnumerable<string> NamespaceInterfaceNames() =>
        File.ReadAllLines("/proc/thread-self/net/dev")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => parts[0].Trim())
            .Order(StringComparer.Ordinal);

    /// <summary>
    /// On the <c>any</c> device libpcap gives Linux cooked capture v1, which has no interface index; v2 has it, so ask
    /// for v2 and use what libpcap then reports (SharpPcap keeps reporting the type it saw at open).
    /// </summary>
    private static int ChooseLinkType(LibPcapLiveDevice device)
    {
        var handle = device.Handle.DangerousGetHandle();
        if (LibPcapCalls.pcap_datalink(handle) == LinkTypes.LinuxSll)
        {
            _ = LibPcapCalls.pcap_set_datalink(handle, LinkTypes.LinuxSll2);
        }

        // pcap_datalink gives a DLT_ value; the session's file and the analysis want the LINKTYPE_ one (raw IP).
        return FileLinkType.FromDlt(LibPcapCalls.pcap_datalink(handle));
    }

    private static TargetException OpenFailure(string interfaceName, PcapException e) =>
        e.Message.Contains("not permitted", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("permission", StringComparison.OrdinalIgnoreCase)
            ? new TargetException(
                TargetProblem.MissingPrivilege,
                $"the service may not capture on '{interfaceName}': capturing needs CAP_NET_RAW ({e.Message})",
                e)
            : new TargetException(TargetProblem.Invalid, $"libpcap cannot capture on '{interfaceName}': {e.Message}", e);

    /// <summary><c>struct pcap_pkthdr</c> on 64-bit Linux: a <c>struct timeval</c> then two 32-bit lengths.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct PcapPacketHeader
    {
        public readonly long Seconds;
        public readonly long Fraction;
        public readonly uint CapturedLength;
        public readonly uint WireLength;
    }
}
