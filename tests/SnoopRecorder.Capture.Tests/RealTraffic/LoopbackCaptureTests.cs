using System.Globalization;
using Xunit.Abstractions;
using static SnoopRecorder.Capture.Tests.RealTraffic.ExchangeAssertions;

namespace SnoopRecorder.Capture.Tests.RealTraffic;

/// <summary>What the analyzer finds in <c>tcpdump -i lo</c> of curl talking to nginx: exactly what curl did.</summary>
[Collection(RealTrafficCollection.Name)]
public sealed class LoopbackCaptureTests(LoopbackTrafficRecorder recorder, ITestOutputHelper output)
{
    [Fact]
    public void KeepAliveConnection_CarriesCurlsFourRequestsInOrder()
    {
        if (!recorder.TryGetRecording(output, out var recording))
        {
            return;
        }

        var exchanges = recorder.Analyze(recording, CaptureKind.LoopbackPcap).OnConnectionFrom(recording.ClientPorts.KeepAlive);

        Assert.Equal(4, exchanges.Count);
        Assert.Single(exchanges.Select(e => e.Connection.Id).Distinct());
        Request(exchanges[0], "GET", "/hello");
        Response(exchanges[0], 200);
        Body(ServedContent.Hello, exchanges[0].Exchange.ResponseBody);
        Request(exchanges[1], "GET", "/static/small.txt");
        Response(exchanges[1], 200);
        Body(ServedContent.SmallFile, exchanges[1].Exchange.ResponseBody);
        Request(exchanges[2], "GET", "/missing");
        var notFound = Response(exchanges[2], 404);
        Assert.Equal(Header(notFound.Headers, "Content-Length"), exchanges[2].Exchange.ResponseBody.Size.ToString(CultureInfo.InvariantCulture));
        Request(exchanges[3], "GET", "/chunked");
    }

    [Fact]
    public void ChunkedResponse_IsDecodedToTheRewrittenFile()
    {
        if (!recorder.TryGetRecording(output, out var recording))
        {
            return;
        }

        var chunked = recorder.Analyze(recording, CaptureKind.LoopbackPcap).OnConnectionFrom(recording.ClientPorts.KeepAlive)[3];

        var response = Response(chunked, 200);
        Assert.Equal("chunked", Header(response.Headers, "Transfer-Encoding"));
        Assert.Null(Header(response.Headers, "Content-Length"));
        Body(ServedContent.ChunkedExpected, chunked.Exchange.ResponseBody);
    }

    [Fact]
    public void Http10Request_KeepsItsVersionAndGetsTheFile()
    {
        if (!recorder.TryGetRecording(output, out var recording))
        {
            return;
        }

        var exchange = recorder.Analyze(recording, CaptureKind.LoopbackPcap).SingleFrom(recording.ClientPorts.Http10);

        Request(exchange, "GET", "/static/small.txt", "HTTP/1.0");
        Response(exchange, 200);
        Body(ServedContent.SmallFile, exchange.Exchange.ResponseBody);
    }

    [Fact]
    public void PostWithExpectContinue_KeepsThe100InterimApartFromTheFinalResponse()
    {
        if (!recorder.TryGetRecording(output, out var recording))
        {
            return;
        }

        var exchange = recorder.Analyze(recording, CaptureKind.LoopbackPcap).SingleFrom(recording.ClientPorts.Upload);

        Request(exchange, "POST", "/upload");
        Assert.Equal("100-continue", Header(exchange.Exchange.Request!.Headers, "Expect"));
        Body(ServedContent.Upload, exchange.Exchange.RequestBody);
        var interim = Assert.Single(exchange.Exchange.InterimResponses);
        Assert.Equal(100, interim.StatusCode);
        var final = Response(exchange, 200);
        Assert.True(interim.StartedAtNs <= final.StartedAtNs);
        Body(ServedContent.UploadReceipt, exchange.Exchange.ResponseBody);
    }

    [Fact]
    public void Ipv6Request_HasIpv6LoopbackEndpoints()
    {
        if (!recorder.TryGetRecording(output, out var recording))
        {
            return;
        }

        var exchange = recorder.Analyze(recording, CaptureKind.LoopbackPcap).SingleFrom(recording.ClientPorts.Ipv6);

        Assert.Equal("::1", exchange.Client.Ip);
        Assert.Equal("::1", exchange.Server.Ip);
        Assert.Equal(recording.ServerPort, exchange.Server.Port);
        Request(exchange, "GET", "/hello");
        Response(exchange, 200);
        Body(ServedContent.Hello, exchange.Exchange.ResponseBody);
    }

    [Fact]
    public void ConnectionCloseResponse_IsTheOnlyExchangeAndTheConnectionEndsWithFin()
    {
        if (!recorder.TryGetRecording(output, out var recording))
        {
            return;
        }

        var capture = recorder.Analyze(recording, CaptureKind.LoopbackPcap);
        var exchange = capture.SingleFrom(recording.ClientPorts.Close);

        Request(exchange, "GET", "/close");
        var response = Response(exchange, 200);
        Assert.Equal("close", Header(response.Headers, "Connection"));
        Body(ServedContent.Closing, exchange.Exchange.ResponseBody);
        var connection = Assert.Single(capture.ClosedConnections, c => c.Id == exchange.Connection.Id);
        Assert.Equal("fin", connection.CloseReason);
    }

    [Fact]
    public void HeadResponse_HasContentLengthButNoBody()
    {
        if (!recorder.TryGetRecording(output, out var recording))
        {
            return;
        }

        var exchange = recorder.Analyze(recording, CaptureKind.LoopbackPcap).SingleFrom(recording.ClientPorts.Head);

        Request(exchange, "HEAD", "/static/small.txt");
        var response = Response(exchange, 200);
        Assert.Equal(ServedContent.SmallFile.Length.ToString(CultureInfo.InvariantCulture), Header(response.Headers, "Content-Length"));
        Assert.Equal(0, exchange.Exchange.ResponseBody.Size);
    }

    [Fact]
    public void LargeResponse_IsReassembledByteForByte()
    {
        if (!recorder.TryGetRecording(output, out var recording))
        {
            return;
        }

        var exchange = recorder.Analyze(recording, CaptureKind.LoopbackPcap).SingleFrom(recording.ClientPorts.Large);

        Request(exchange, "GET", "/static/large.bin");
        Response(exchange, 200);
        Body(ServedContent.LargeFile, exchange.Exchange.ResponseBody);
        Assert.True(exchange.Exchange.LastPacketIndex > exchange.Exchange.FirstPacketIndex);
    }

    [Fact]
    public void ApacheBenchKeepAlive_AllRequestsAreRecordedOnItsConnections()
    {
        if (!recorder.TryGetRecording(output, out var recording))
        {
            return;
        }

        var bench = recorder.Analyze(recording, CaptureKind.LoopbackPcap).Exchanges
            .Where(e => e.Exchange.Request?.Target == "/bench")
            .ToList();

        Assert.Equal(TrafficRecording.BenchRequests, bench.Count);
        var connections = bench.GroupBy(e => e.Connection.Id).ToList();
        Assert.InRange(connections.Count, 1, TrafficRecording.BenchConcurrency);
        Assert.Contains(connections, c => c.Count() > 1);
        Assert.Equal(connections.Count, bench.Select(e => e.Client.Port).Distinct().Count());
        Assert.All(bench, e =>
        {
            Request(e, "GET", "/bench", "HTTP/1.0");
            Response(e, 200);
            Body(ServedContent.Bench, e.Exchange.ResponseBody);
        });
    }

    [Fact]
    public void EveryExchange_IsCompleteServedByNginxAndInsideTheCaptureWindow()
    {
        if (!recorder.TryGetRecording(output, out var recording))
        {
            return;
        }

        var capture = recorder.Analyze(recording, CaptureKind.LoopbackPcap);

        Assert.Null(capture.Result.Error);
        Assert.Equal("pcap", capture.Result.Format);
        Assert.Equal(TrafficRecording.TotalExchanges, capture.Exchanges.Count);
        Assert.Equal(capture.Exchanges.Count, capture.Result.Exchanges);
        Assert.All(capture.Exchanges, e =>
        {
            Assert.True(e.Exchange.IsComplete, $"{e.Exchange.Request?.Target}: {e.Exchange.Issues}");
            Assert.Equal(recording.ServerPort, e.Server.Port);
            Assert.NotEqual(recording.ServerPort, e.Client.Port);
            Assert.Equal(e.Connection.Initiator, e.Client);
            Assert.InRange(e.Exchange.StartedAtNs, recording.WindowStartNs, e.Exchange.EndedAtNs);
            Assert.InRange(e.Exchange.EndedAtNs, e.Exchange.StartedAtNs, recording.WindowEndNs);
            Assert.True(e.Exchange.FirstPacketIndex <= e.Exchange.LastPacketIndex);
        });
    }
}
