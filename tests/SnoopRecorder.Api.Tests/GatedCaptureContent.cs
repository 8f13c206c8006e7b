using System.Net;
using System.Net.Http.Headers;

namespace SnoopRecorder.Api.Tests;

/// <summary>
/// A pcap upload of a few MiB (a real capture's packets repeated) that sends its first half and then waits until the
/// server's capture file has grown, before sending the rest. A server that buffered the whole body first would never
/// let the file grow, and <see cref="SawPartialFile"/> stays false.
/// </summary>
public sealed class GatedCaptureContent : HttpContent
{
    private const int PcapHeaderBytes = 24;
    private const int TargetBytes = 4 << 20;
    private static readonly TimeSpan GateTimeout = TimeSpan.FromSeconds(15);

    private readonly byte[] _body;
    private readonly string _capturesDirectory;

    public GatedCaptureContent(byte[] capture, string capturesDirectory)
    {
        var records = capture.AsSpan(PcapHeaderBytes).ToArray();
        using var body = new MemoryStream();
        body.Write(capture, 0, PcapHeaderBytes);
        while (body.Length < TargetBytes)
        {
            body.Write(records);
        }

        _body = body.ToArray();
        _capturesDirectory = capturesDirectory;
        Headers.ContentType = new MediaTypeHeaderValue(ApiClient.PcapMediaType);
    }

    public bool SawPartialFile { get; private set; }

    public long TotalBytes => _body.Length;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var half = _body.Length / 2;
        await stream.WriteAsync(_body.AsMemory(0, half));
        await stream.FlushAsync();

        var deadline = DateTime.UtcNow + GateTimeout;
        while (DateTime.UtcNow < deadline && !SawPartialFile)
        {
            SawPartialFile = Directory.Exists(_capturesDirectory)
                && Directory.GetFiles(_capturesDirectory).Any(f => new FileInfo(f).Length >= half / 2);
            if (!SawPartialFile)
            {
                await Task.Delay(20);
            }
        }

        await stream.WriteAsync(_body.AsMemory(half));
    }

    protected override bool TryComputeLength(out long length)
    {
        // Unknown length: sent chunked, as a streaming client would.
        length = 0;
        return false;
    }
}
