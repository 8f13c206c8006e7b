using System.Net;
using System.Text;
using SnoopRecorder.Analysis;
using SnoopRecorder.Capture.Tests.Corpus;
using SnoopRecorder.Http.Model;
using SnoopRecorder.TestSupport.Captures;
using LinkTypes = SnoopRecorder.Packets.LinkTypes;

namespace SnoopRecorder.Capture.Tests.Analysis;

/// <summary>
/// The whole analysis, frame by frame: many connections whose requests get no response (a capture of the client side
/// only, or servers that never answer) must not hold more than the HTTP memory budget configured for the analysis.
/// </summary>
public sealed class TrafficAnalyzerMemoryBudgetTests
{
    private const int Connections = 200;
    private const int RequestsEach = 20;
    private const int BodyBytes = 4_000;
    private const int SegmentSize = 1460;
    private const uint ClientIsn = 1_000;
    private const uint ServerIsn = 500_000;

    private static readonly IPEndPoint Server = new(IPAddress.Parse("10.0.0.1"), 80);

    [Fact]
    public void ManyConnectionsWithPendingRequests_HoldNoMoreThanTheConfiguredBudget_AndNothingOnceFinished()
    {
        const long Budget = 1 << 20;
        var sink = new CollectingSink();
        var analyzer = new TrafficAnalyzer(new CaptureAnalysisOptions { MaxHeldHttpBytes = Budget }, sink);

        var peak = Feed(analyzer, budgetToCheck: Budget);
        Assert.True(analyzer.HttpMemory.PendingExchangesEmitted > 0);
        Assert.Equal(analyzer.HttpMemory.PendingExchangesEmitted, sink.Exchanges.Count);
        analyzer.Finish(long.MaxValue / 2);

        Assert.InRange(peak, Budget - 2 * BodyBytes, Budget);
        Assert.Equal(0, analyzer.HttpMemory.Held);
        Assert.Equal(Connections * RequestsEach, sink.Exchanges.Count);
        Assert.All(sink.Exchanges, e => Assert.Equal(ExchangeIssues.NoResponse, e.Exchange.Issues));
        Assert.All(sink.Exchanges, e => Assert.Equal(BodyBytes, e.Exchange.RequestBody.Data.Length));
        Assert.Equal(0, analyzer.HttpMemory.BodiesCut);
    }

    [Fact]
    public void SameTrafficUnderTheDefaultBudget_HoldsEveryPendingRequest()
    {
        // The capture above is a real load: without a small budget its pending requests add up far past it.
        var analyzer = new TrafficAnalyzer(new CaptureAnalysisOptions(), new CollectingSink());

        var peak = Feed(analyzer, budgetToCheck: null);
        analyzer.Finish(long.MaxValue / 2);

        Assert.True(peak > (long)Connections * RequestsEach * BodyBytes, $"peak {peak}");
        Assert.Equal(0, analyzer.HttpMemory.PendingExchangesEmitted);
        Assert.Equal(0, analyzer.HttpMemory.Held);
    }

    /// <summary>Opens every connection, then sends one request on each in turn until each sent them all; no responses.</summary>
    private static long Feed(TrafficAnalyzer analyzer, long? budgetToCheck)
    {
        var frame = new byte[EthernetTcpFrame.HeaderLength + SegmentSize];
        var sent = new long[Connections];
        long packet = 0;
        var peak = 0L;

        void Send(int connection, bool fromClient, uint sequence, uint acknowledgment, SegmentFlags flags, ReadOnlySpan<byte> payload)
        {
            var client = Client(connection);
            var length = fromClient
                ? EthernetTcpFrame.Write(frame, client, Server, sequence, acknowledgment, flags, payload)
                : EthernetTcpFrame.Write(frame, Server, client, sequence, acknowledgment, flags, payload);
            analyzer.OnPacket(LinkTypes.Ethernet, frame.AsSpan(0, length), 1_000_000_000L + packet * 1000, packet);
            packet++;
            peak = Math.Max(peak, analyzer.HttpMemory.Held);
            if (budgetToCheck is { } budget)
            {
                Assert.True(analyzer.HttpMemory.Held <= budget, $"{analyzer.HttpMemory.Held} bytes held after packet {packet}");
            }
        }

        for (var c = 0; c < Connections; c++)
        {
            Send(c, true, ClientIsn, 0, SegmentFlags.Syn, default);
            Send(c, false, ServerIsn, ClientIsn + 1, SegmentFlags.Syn | SegmentFlags.Ack, default);
            Send(c, true, ClientIsn + 1, ServerIsn + 1, SegmentFlags.Ack, default);
        }

        for (var r = 0; r < RequestsEach; r++)
        {
            var request = Request(r);
            for (var c = 0; c < Connections; c++)
            {
                for (var offset = 0; offset < request.Length; offset += SegmentSize)
                {
                    var segment = request.AsSpan(offset, Math.Min(SegmentSize, request.Length - offset));
                    Send(c, true, unchecked(ClientIsn + 1 + (uint)sent[c]), ServerIsn + 1, SegmentFlags.Ack | SegmentFlags.Psh, segment);
                    sent[c] += segment.Length;
                }
            }
        }

        return peak;
    }

    private static IPEndPoint Client(int connection) => new(new IPAddress([10, 1, (byte)(connection >> 8), (byte)connection]), 40_000 + connection);

    private static byte[] Request(int n)
        => [.. Encoding.ASCII.GetBytes($"POST /upload/{n} HTTP/1.1\r\nHost: files.local\r\nContent-Length: {BodyBytes}\r\n\r\n"), .. new byte[BodyBytes]];
}
