using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Capture.Tests.RealTraffic;

public sealed partial class LoopbackTrafficRecorder
{
    // tcpdump's -B counts KiB, tshark's MiB; 2 MiB (the default) overflows under ab's burst with five captures.
    private const string CaptureBufferKiB = "16384";
    private const string CaptureBufferMiB = "16";

    // SIGINT makes libpcap stop without draining the kernel's ring buffer, where packets wait until a block fills or
    // its timeout (libpcap's default 1 s) passes. The pause outlasts that timeout; CheckSamePacketCountsAsync proves
    // afterwards that no file lost its tail. (Immediate mode would avoid the wait but drops packets under ab's burst
    // when five captures share two cores.)
    private static readonly TimeSpan TailDelay = TimeSpan.FromSeconds(2);

    private static async Task<TrafficRecording> RecordAsync(string directory)
    {
        using var nginx = await NginxServer.StartAsync(Path.Combine(directory, "nginx"));
        var files = new Dictionary<CaptureKind, string>();
        var captures = new List<PacketCaptureProcess>();
        try
        {
            // tshark first: it is the slow one to start, and its probe traffic must not reach the tcpdump files.
            var tshark = TsharkCommand(directory, nginx.Port);
            files[tshark.Kind] = tshark.OutputPath;
            var tsharkCapture = await StartAsync(tshark);
            captures.Add(tsharkCapture);
            await tsharkCapture.ProbeUntilCapturingAsync(() => ConnectAndCloseAsync(nginx.Port));
            foreach (var command in TcpdumpCommands(directory, nginx.Port))
            {
                files[command.Kind] = command.OutputPath;
                captures.Add(await StartAsync(command));
            }

            var windowStart = NowUnixNs();
            var ports = await SendTrafficAsync(directory, nginx.Port);
            var windowEnd = NowUnixNs();
            await Task.Delay(TailDelay);
            var statistics = new List<string>();
            foreach (var capture in captures)
            {
                statistics.Add(await capture.StopAsync());
            }

            // tshark's file also holds the probe connections, so only the tcpdump files must match packet for packet.
            var tcpdumpFiles = files.Where(f => f.Key != CaptureKind.TsharkPcapNg).Select(f => f.Value);
            await CheckSamePacketCountsAsync(tcpdumpFiles, statistics);
            files[CaptureKind.EditcapPcapNg] = await ConvertToPcapNgAsync(files[CaptureKind.LoopbackPcap]);
            return new TrafficRecording
            {
                ServerPort = nginx.Port,
                ClientPorts = ports,
                Files = files,
                WindowStartNs = windowStart,
                WindowEndNs = windowEnd,
            };
        }
        finally
        {
            foreach (var capture in captures)
            {
                capture.Dispose();
            }
        }
    }

    private static IEnumerable<CaptureCommand> TcpdumpCommands(string directory, int port)
    {
        var filter = $"tcp port {port}";
        string File(string name) => Path.Combine(directory, name);

        // -U writes each packet to the file as soon as libpcap hands it over; "listening on" comes once the filter is set.
        CaptureCommand Tcpdump(CaptureKind kind, string file, params string[] options) =>
            new(kind, "tcpdump", [.. options, "-B", CaptureBufferKiB, "-U", "-w", file, filter], "listening on", "tcpdump", file);

        yield return Tcpdump(CaptureKind.LoopbackPcap, File("lo.pcap"), "-i", "lo");
        yield return Tcpdump(CaptureKind.AnyLinuxCooked, File("any-sll.pcap"), "-i", "any", "-y", "LINUX_SLL");
        yield return Tcpdump(CaptureKind.AnyLinuxCookedV2, File("any-sll2.pcap"), "-i", "any", "-y", "LINUX_SLL2");
        yield return Tcpdump(
            CaptureKind.LoopbackNanosecondPcap, File("lo-nano.pcap"), "-i", "lo", "--time-stamp-precision=nano");
    }

    // -P -l: print a line per packet on stdout although writing a file, which is how ProbeUntilCapturingAsync sees
    // that capturing has begun.
    private static CaptureCommand TsharkCommand(string directory, int port)
    {
        var pcapNg = Path.Combine(directory, "lo-tshark.pcapng");
        return new CaptureCommand(
            CaptureKind.TsharkPcapNg,
            "tshark",
            ["-i", "lo", "-B", CaptureBufferMiB, "-f", $"tcp port {port}", "-l", "-P", "-F", "pcapng", "-w", pcapNg],
            "Capturing on",
            "tshark",
            pcapNg);
    }

    private static Task<PacketCaptureProcess> StartAsync(CaptureCommand command) =>
        PacketCaptureProcess.StartAsync(command.Tool, command.Arguments, command.ReadyMarker, command.DebianPackage);

    /// <summary>A TCP connection that carries no byte: packets for the captures, no HTTP exchange.</summary>
    private static async Task ConnectAndCloseAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
    }

    /// <summary>The captures saw the same packets through the same filter; a file with fewer lost its tail.</summary>
    private static async Task CheckSamePacketCountsAsync(IEnumerable<string> files, IEnumerable<string> statistics)
    {
        var counts = new Dictionary<string, string>();
        foreach (var file in files)
        {
            var info = (await ExternalCommand.RunAsync("capinfos", ["-c", "-M", file], "wireshark-common")).EnsureSuccess();
            counts[Path.GetFileName(file)] = PacketCount().Match(info.StandardOutput).Groups[1].Value;
        }

        if (counts.Values.Distinct().Count() != 1)
        {
            throw new InvalidOperationException(
                $"The captures of the same traffic hold different numbers of packets: {string.Join(", ", counts)}.\n" +
                string.Join('\n', statistics));
        }
    }

    private static async Task<string> ConvertToPcapNgAsync(string pcap)
    {
        var pcapNg = Path.ChangeExtension(pcap, ".editcap.pcapng");
        (await ExternalCommand.RunAsync("editcap", ["-F", "pcapng", pcap, pcapNg], "wireshark-common")).EnsureSuccess();
        return pcapNg;
    }

    [GeneratedRegex(@"Number of packets:\s+(\d+)")]
    private static partial Regex PacketCount();
}
