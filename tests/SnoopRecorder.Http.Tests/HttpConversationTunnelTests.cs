using SnoopRecorder.Http.Model;
using SnoopRecorder.Http.Tests.TestSupport;
using static SnoopRecorder.Http.Tests.TestSupport.Harness;

namespace SnoopRecorder.Http.Tests;

public sealed class HttpConversationTunnelTests
{
    [Fact]
    public void Connect200_RecordsTunnelExchange_AndIgnoresOpaqueBytes()
    {
        byte[] clientHello = [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03];
        var exchanges = Run(
        [
            Step.Data(C, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"),
            Step.Data(S, "HTTP/1.1 200 Connection Established\r\n\r\n"),
            Step.Data(C, clientHello),
            Step.Data(C, "GET /inside-tls HTTP/1.1\r\n\r\n"),
            Step.Data(S, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
        ]);

        var exchange = Assert.Single(exchanges);
        Assert.Equal("CONNECT", exchange.Request!.Method);
        Assert.Equal("example.com:443", exchange.Request.Target);
        Assert.Equal(ExchangeIssues.Tunnel, exchange.Issues);
        Assert.True(exchange.IsComplete);
    }

    [Fact]
    public void ConnectRefused_IsAnOrdinaryExchange_AndConnectionStaysHttp()
    {
        var exchanges = Run(
        [
            Step.Data(C, "CONNECT example.com:443 HTTP/1.1\r\n\r\n"),
            Step.Data(S, "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 4\r\n\r\ndeny"),
            Scripts.GetRequest,
            Scripts.LengthResponse,
        ]);

        Assert.Equal(2, exchanges.Count);
        Assert.Equal("deny", Wire.Text(exchanges[0].ResponseBody.Data));
        Assert.Equal(ExchangeIssues.None, exchanges[0].Issues);
    }

    [Fact]
    public void WebSocketUpgrade101_RecordsTunnelExchange_AndIgnoresFrames()
    {
        var exchanges = Run(
        [
            Step.Data(C, "GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"),
            Step.Data(S, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"),
            Step.Data(S, [0x81, 0x05, .. Wire.Bytes("hello")]),
            Step.Data(C, [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58]),
            Step.Data(S, "HTTP/1.1 200 OK\r\n\r\n"),
        ]);

        var exchange = Assert.Single(exchanges);
        Assert.Equal(101, exchange.Response!.StatusCode);
        Assert.Empty(exchange.InterimResponses);
        Assert.Equal(ExchangeIssues.Tunnel, exchange.Issues);
    }
}
