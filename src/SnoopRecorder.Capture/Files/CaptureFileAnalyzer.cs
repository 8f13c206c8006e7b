using System.Diagnostics;
using SnoopRecorder.Analysis;

namespace SnoopRecorder.Capture.Files;

/// <summary>libpcap (SharpPcap) file reader feeding the TCP and HTTP layers, one record at a time.</summary>
public sealed class CaptureFileAnalyzer(CaptureAnalysisOptions options) : ICaptureFileAnalyzer
{
    // How often the read loop looks at the cancellation token: rarely enough to cost nothing per packet.
    private const int CancellationCheckInterval = 4096;

    public CaptureAnalysisResult Analyze(string path, IAnalysisSink sink, CancellationToken cancellationToken)
    {
        var format = SniffFormat(path);
        using var reader = PcapFileReader.Open(path);
        using var window = new PacketReorderWindow();
        var analyzer = new TrafficAnalyzer(options, sink);
        string? error = null;
        long index = 0;
        long lastTimestamp = 0;

        while (true)
        {
            if (index % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var status = reader.ReadNext(out var frame, out var timestampNs);
            if (status == PcapReadStatus.EndOfFile)
            {
                break;
            }

            if (status == PcapReadStatus.Error)
            {
                error = $"the file is damaged after packet {index}: {reader.LastError}";
                break;
            }

            window.Push(frame, timestampNs, index);
            while (window.IsOverfull)
            {
                Feed(analyzer, reader.LinkType, window);
            }

            lastTimestamp = Math.Max(lastTimestamp, timestampNs);
            index++;
        }

        while (window.Count > 0)
        {
            Feed(analyzer, reader.LinkType, window);
        }

        analyzer.Finish(lastTimestamp);
        Debug.Assert(analyzer.Packets == index, "every record read was handed to the analyzer");
        return new CaptureAnalysisResult
        {
            Format = format,
            Packets = analyzer.Packets,
            Bytes = analyzer.Bytes,
            Exchanges = analyzer.Exchanges,
            Connections = analyzer.Connections,
            SkippedPackets = analyzer.SkippedPackets,
            EvictedConnections = analyzer.EvictedConnections,
            Error = error,
        };
    }

    private static void Feed(TrafficAnalyzer analyzer, int linkType, PacketReorderWindow window)
    {
        if (window.TryPop(out var packet))
        {
            analyzer.OnPacket(linkType, packet.Frame, packet.TimestampNs, packet.Index);
            PacketReorderWindow.Release(packet);
        }
    }

    private static string SniffFormat(string path)
    {
        Span<byte> magic = stackalloc byte[CaptureFileFormat.MagicLength];
        int read;
        try
        {
            using var file = File.OpenRead(path);
            read = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        }
        catch (IOException e)
        {
            throw new InvalidCaptureFileException($"the capture file cannot be opened: {e.Message}", e);
        }

        return CaptureFileFormat.Sniff(magic[..read])
            ?? throw new InvalidCaptureFileException(read == 0
                ? "the file is empty: a pcap or pcapng capture was expected"
                : $"not a pcap or pcapng file (it starts with {Convert.ToHexString(magic[..read])}; pcap starts with A1B2C3D4 or A1B23C4D in either byte order, pcapng with 0A0D0D0A)");
    }
}
