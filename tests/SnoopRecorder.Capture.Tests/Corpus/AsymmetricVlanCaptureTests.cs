namespace SnoopRecorder.Capture.Tests.Corpus;

/// <summary>
/// suricata-verify bug-4376: the client's packets carry 802.1Q tag 3136, the server's are untagged (a trunk on one side
/// of the path). The two directions are one connection and one exchange, not a request without response plus a
/// response without request.
/// </summary>
public sealed class AsymmetricVlanCaptureTests
{
    [Fact]
    public void ConnectionTaggedOneWay_YieldsOneCompleteExchange()
    {
        var (result, sink) = CollectingSink.Analyze(CorpusFiles.PathOf("suricata/bug-4376/syn_retransmit_with_ts.pcap"));

        Assert.Null(result.Error);
        Assert.Equal(1, result.Connections);
        var exchange = Assert.Single(sink.Exchanges).Exchange;
        Assert.Equal("GET", exchange.Request?.Method);
        Assert.Equal(200, exchange.Response?.StatusCode);
        Assert.True(exchange.IsComplete, exchange.Issues.ToString());
        Assert.Equal(182_272, exchange.ResponseBody.Size);
    }
}
