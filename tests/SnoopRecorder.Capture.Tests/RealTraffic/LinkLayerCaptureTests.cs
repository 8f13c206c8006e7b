using Xunit.Abstractions;

namespace SnoopRecorder.Capture.Tests.RealTraffic;

/// <summary>
/// The same traffic captured at the same time on other link layers, timestamp precisions and file formats: the
/// analyzer must find the very same exchanges in each file.
/// </summary>
[Collection(RealTrafficCollection.Name)]
public sealed class LinkLayerCaptureTests(LoopbackTrafficRecorder recorder, ITestOutputHelper output)
{
    public static TheoryData<CaptureKind, string> OtherCaptures => new()
    {
        { CaptureKind.AnyLinuxCooked, "pcap" },
        { CaptureKind.AnyLinuxCookedV2, "pcap" },
        { CaptureKind.LoopbackNanosecondPcap, "pcap" },
        { CaptureKind.TsharkPcapNg, "pcapng" },
        { CaptureKind.EditcapPcapNg, "pcapng" },
    };

    [Theory]
    [MemberData(nameof(OtherCaptures))]
    public void Capture_YieldsTheSameExchangesAsTheLoopbackPcap(CaptureKind kind, string format)
    {
        if (!recorder.TryGetRecording(output, out var recording))
        {
            return;
        }

        var reference = recorder.Analyze(recording, CaptureKind.LoopbackPcap);
        var capture = recorder.Analyze(recording, kind);

        Assert.Null(capture.Result.Error);
        Assert.Equal(format, capture.Result.Format);
        Assert.Equal(TrafficRecording.TotalExchanges, capture.Exchanges.Count);
        Assert.Equal(Fingerprints(reference), Fingerprints(capture));
        Assert.All(capture.Exchanges, e =>
        {
            Assert.True(e.Exchange.IsComplete, $"{e.Exchange.Request?.Target}: {e.Exchange.Issues}");
            Assert.InRange(e.Exchange.StartedAtNs, recording.WindowStartNs, recording.WindowEndNs);
        });
    }

    [Fact]
    public void NanosecondCapture_KeepsSubMicrosecondTimestamps()
    {
        if (!recorder.TryGetRecording(output, out var recording))
        {
            return;
        }

        var nano = recorder.Analyze(recording, CaptureKind.LoopbackNanosecondPcap);
        var micro = recorder.Analyze(recording, CaptureKind.LoopbackPcap);

        // A microsecond file's times are whole microseconds; the nanosecond file's are not (all 210 landing on a
        // whole microsecond has odds of 1000^-210).
        Assert.All(micro.Exchanges, e => Assert.Equal(0, e.Exchange.StartedAtNs % 1000));
        Assert.Contains(nano.Exchanges, e => e.Exchange.StartedAtNs % 1000 != 0);
    }

    private static List<string> Fingerprints(AnalyzedCapture capture) =>
        capture.Exchanges
            .Select(e => string.Join(
                ' ',
                e.Client,
                e.Server,
                e.Exchange.Request?.Method,
                e.Exchange.Request?.Target,
                e.Exchange.Response?.StatusCode,
                e.Exchange.RequestBody.Size,
                e.Exchange.ResponseBody.Size,
                e.Exchange.InterimResponses.Count))
            .Order(StringComparer.Ordinal)
            .ToList();
}
