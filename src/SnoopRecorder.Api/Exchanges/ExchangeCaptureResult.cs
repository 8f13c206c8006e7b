using System.Globalization;
using SnoopRecorder.Capture.Export;
using SnoopRecorder.Capture.Export.Reassembled;
using SnoopRecorder.Packets;

namespace SnoopRecorder.Api.Exchanges;

/// <summary>
/// Streams a capture download written as it is read, nothing buffered whole: the packets of some TCP connections cut
/// out of their sessions' captures as one classic pcap file (<see cref="Raw"/>), or a clean capture rebuilt from their
/// reassembled streams as one pcapng file (<see cref="Reassembled"/>). The sources are opened (and registered for
/// disposal with the response) by the handler, so that a missing file or mixed link types are refused before the
/// first byte.
/// </summary>
/// <remarks>
/// A rebuilt capture's gap count is known only once it is written, after the headers have gone: where the connection
/// carries trailers (HTTP/2; Kestrel sends none over HTTP/1.1) it ends with <see cref="GapsTrailer"/> and
/// <see cref="GapBytesTrailer"/>. The file itself always says it, in packet comments and its closing statistics block.
/// </remarks>
internal sealed class ExchangeCaptureResult : IResult
{
    public const string PcapContentType = "application/vnd.tcpdump.pcap";
    public const string PcapngContentType = "application/x-pcapng";

    /// <summary>Trailer of a reassembled download: how many gaps (bytes not captured) the rebuilt streams have.</summary>
    public const string GapsTrailer = "X-Snoop-Gaps";

    /// <summary>Trailer of a reassembled download: how many bytes those gaps miss.</summary>
    public const string GapBytesTrailer = "X-Snoop-Gap-Bytes";

    private readonly Func<Stream, CancellationToken, Task<RebuildSummary?>> _write;
    private readonly string _contentType;
    private readonly string _downloadName;

    private ExchangeCaptureResult(Func<Stream, CancellationToken, Task<RebuildSummary?>> write, string contentType, string downloadName)
    {
        _write = write;
        _contentType = contentType;
        _downloadName = downloadName;
    }

    /// <summary>The selected packets as captured, merged in time order (<see cref="CaptureExcerptWriter"/>).</summary>
    public static ExchangeCaptureResult Raw(IReadOnlyList<CaptureExcerptSource> sources, int linkType, string downloadName) =>
        new(async (output, token) =>
        {
            await CaptureExcerptWriter.WriteAsync(sources, linkType, output, token);
            return null;
        }, PcapContentType, downloadName);

    /// <summary>The connections rebuilt from their reassembled streams (<see cref="ReassembledCaptureWriter"/>).</summary>
    public static ExchangeCaptureResult Reassembled(IReadOnlyList<ReassembledCaptureSource> sources, string description, string downloadName) =>
        new(async (output, token) => await ReassembledCaptureWriter.WriteAsync(sources, output, description, token), PcapngContentType, downloadName);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = _contentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{_downloadName}\"";
        var trailers = _contentType == PcapngContentType && response.SupportsTrailers();
        if (trailers)
        {
            response.DeclareTrailer(GapsTrailer);
            response.DeclareTrailer(GapBytesTrailer);
        }

        var summary = await _write(response.Body, httpContext.RequestAborted);
        if (trailers && summary is not null)
        {
            response.AppendTrailer(GapsTrailer, summary.Gaps.ToString(CultureInfo.InvariantCulture));
            response.AppendTrailer(GapBytesTrailer, summary.GapBytes.ToString(CultureInfo.InvariantCulture));
        }
    }
}
