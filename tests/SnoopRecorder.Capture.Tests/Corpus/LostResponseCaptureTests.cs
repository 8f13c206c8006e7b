using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Capture.Tests.Corpus;

/// <summary>
/// A real keep-alive capture (11 requests, each sent after the previous response, on one connection) with whole
/// responses cut out: the client's acknowledgments still say which request each later response answers.
/// </summary>
public sealed class LostResponseCaptureTests : IDisposable
{
    private const string KeepAlive = "suricata/filestore-filecontainer-http/filecontainer-http.pcap";

    private readonly string _directory = Directory.CreateTempSubdirectory("snoop-lost-response-").FullName;

    [Theory]
    [InlineData(4)]
    [InlineData(1)]
    [InlineData(3, 6, 7)]
    [InlineData(2, 3)]
    public void ResponsesCutOut_EveryOtherExchangePairsWithItsOwnResponse_AndTheCutOnesAreFlaggedLost(params int[] cut)
    {
        var original = CollectingSink.Analyze(CorpusFiles.PathOf(KeepAlive)).Sink.Exchanges.Select(e => e.Exchange).ToList();
        var edited = Path.Combine(_directory, "cut.pcap");
        var lostTargets = ResponseDroppingCopy.Write(CorpusFiles.PathOf(KeepAlive), edited, cut);

        var exchanges = CollectingSink.Analyze(edited).Sink.Exchanges.Select(e => e.Exchange).ToList();

        Assert.Equal(11, original.Count);
        Assert.All(original, e => Assert.True(e.IsComplete));
        Assert.Equal(original.Select(e => e.Request!.Target), exchanges.Select(e => e.Request?.Target));
        foreach (var (before, after) in original.Zip(exchanges))
        {
            if (lostTargets.Contains(before.Request!.Target))
            {
                Assert.Null(after.Response);
                Assert.Equal(ExchangeIssues.ResponseGap | ExchangeIssues.NoResponse, after.Issues);
            }
            else
            {
                Assert.Equal(ExchangeIssues.None, after.Issues);
                Assert.Equal(before.Response!.StatusCode, after.Response!.StatusCode);
                Assert.Equal(before.ResponseBody.Size, after.ResponseBody.Size);
                Assert.Equal(before.ResponseBody.Data.ToArray(), after.ResponseBody.Data.ToArray());
            }
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
