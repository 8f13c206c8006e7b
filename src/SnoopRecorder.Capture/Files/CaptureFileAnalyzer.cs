namespace SnoopRecorder.Capture.Files;

/// <summary>libpcap (SharpPcap) file reader feeding the TCP and HTTP layers.</summary>
public sealed class CaptureFileAnalyzer(CaptureAnalysisOptions options) : ICaptureFileAnalyzer
{
    private readonly CaptureAnalysisOptions _options = options;

    public CaptureAnalysisResult Analyze(string path, IAnalysisSink sink, CancellationToken cancellationToken)
    {
        _ = _options;
        throw new NotImplementedException("being written by the lead");
    }
}
