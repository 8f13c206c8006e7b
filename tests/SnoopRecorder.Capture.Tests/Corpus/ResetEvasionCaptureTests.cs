using System.Globalization;
using System.Text.RegularExpressions;

namespace SnoopRecorder.Capture.Tests.Corpus;

/// <summary>
/// suricata-verify bug-3286-02 and -03: before its real SYN-ACK, the server sends a RST (seq 0, ACK = client ISN + 1)
/// and a FIN, and on Linux the client answers with a RST of its own; then the handshake, the GET and the 200 follow on
/// the same 4-tuple. The first RST is acceptable in SYN-SENT (RFC 9293) and ends that attempt; as nothing was
/// exchanged yet, the SYN-ACK opens a new connection and the exchange is recorded, as Suricata's own oracle
/// (test.yaml) and tshark find it. bug-3286-01 is the same exchange without the evasion.
/// </summary>
public sealed partial class ResetEvasionCaptureTests
{
    [Theory]
    [InlineData("suricata/bug-3286-01-no-evasion/without_evasion.pcap")]
    [InlineData("suricata/bug-3286-02-linux-evasion/with_evasion_linux.pcap")]
    [InlineData("suricata/bug-3286-03-windows-evasion/with_evasion_windows.pcap")]
    public void ResetBeforeTheHandshake_DoesNotLoseTheExchangeThatFollows(string file)
    {
        var oracle = File.ReadAllText(Path.Combine(Path.GetDirectoryName(CorpusFiles.PathOf(file))!, "test.yaml"));
        var expectedStatus = int.Parse(Assert.Single(StatusOracle().Matches(oracle)).Groups[1].Value, CultureInfo.InvariantCulture);
        var expectedLength = long.Parse(Assert.Single(LengthOracle().Matches(oracle)).Groups[1].Value, CultureInfo.InvariantCulture);

        var (result, sink) = CollectingSink.Analyze(CorpusFiles.PathOf(file));

        Assert.Null(result.Error);
        var exchange = Assert.Single(sink.Exchanges).Exchange;
        Assert.Equal("GET", exchange.Request?.Method);
        Assert.Equal("/", exchange.Request?.Target);
        Assert.Equal(expectedStatus, exchange.Response?.StatusCode);
        Assert.Equal(expectedLength, exchange.ResponseBody.Size);
        Assert.True(exchange.IsComplete, exchange.Issues.ToString());
    }

    [GeneratedRegex(@"http\.status:\s*(\d+)")]
    private static partial Regex StatusOracle();

    [GeneratedRegex(@"http\.length:\s*(\d+)")]
    private static partial Regex LengthOracle();
}
