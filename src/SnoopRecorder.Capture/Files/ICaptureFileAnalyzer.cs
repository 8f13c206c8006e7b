using SnoopRecorder.Analysis;

namespace SnoopRecorder.Capture.Files;

/// <summary>Reads a pcap or pcapng file from start to end and hands every HTTP exchange found in it to a sink.</summary>
public interface ICaptureFileAnalyzer
{
    /// <summary>
    /// Analyses the file synchronously on the calling thread, streaming: memory does not grow with the file's size.
    /// A file that breaks midway does not throw: the result's <see cref="CaptureAnalysisResult.Error"/> says where,
    /// and every exchange found before the break has been handed to the sink.
    /// </summary>
    /// <exception cref="InvalidCaptureFileException">The file is not a capture file libpcap can open.</exception>
    CaptureAnalysisResult Analyze(string path, IAnalysisSink sink, CancellationToken cancellationToken);
}
