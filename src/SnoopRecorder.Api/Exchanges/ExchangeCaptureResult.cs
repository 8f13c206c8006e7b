using SnoopRecorder.Capture.Export;

namespace SnoopRecorder.Api.Exchanges;

/// <summary>
/// Streams the packets of some TCP connections, cut out of their sessions' captures, as one classic pcap file: each
/// record is written to the response as it is read, nothing is buffered whole. The sources are opened (and registered
/// for disposal with the response) by the handler, so that a missing file or mixed link types are refused before
/// the first byte.
/// </summary>
internal sealed class ExchangeCaptureResult(IReadOnlyList<CaptureExcerptSource> sources, int linkType, string downloadName) : IResult
{
    public const string PcapContentType = "application/vnd.tcpdump.pcap";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = PcapContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{downloadName}\"";
        await CaptureExcerptWriter.WriteAsync(sources, linkType, response.Body, httpContext.RequestAborted);
    }
}
