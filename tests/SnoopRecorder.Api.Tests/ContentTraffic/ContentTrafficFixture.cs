using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using SnoopRecorder.TestSupport;
using Xunit.Abstractions;

namespace SnoopRecorder.Api.Tests.ContentTraffic;

/// <summary>
/// Real compressed traffic, recorded once: nginx on loopback (gzip on the fly and chunked, a pre-compressed bomb, a
/// binary file, an unknown coding, a gzip upload with 100-continue), curl as the client, tcpdump writing the capture;
/// then the capture imported into a service whose body caps the tests can exceed.
/// </summary>
public sealed class ContentTrafficFixture : IAsyncLifetime
{
    public const string Page = "/page.html";
    public const string Report = "/data/report.json";
    public const string Pixel = "/img/pixel.png";
    public const string Large = "/large.txt";
    public const string Bomb = "/bomb";
    public const string UnknownCoding = "/zstd";
    public const string Upload = "/upload";

    private const string SkipVariable = "SNOOP_SKIP_PRIVILEGED";
    private const string KeepVariable = "SNOOP_KEEP_CAPTURES";
    private const string AcceptGzip = "Accept-Encoding: gzip";
    private static readonly TimeSpan CaptureTailDelay = TimeSpan.FromMilliseconds(500);

    private readonly Dictionary<string, long> _ids = [];
    private readonly Dictionary<string, long> _downloaded = [];
    private DirectoryInfo? _directory;
    private CaptureUnavailableException? _unavailable;
    private ExceptionDispatchInfo? _failure;

    public SnoopApiFactory Factory { get; } = new(
        ("Snoop:MaxBodyBytes", ServedFiles.MaxBodyBytes.ToString(CultureInfo.InvariantCulture)),
        ("Snoop:MaxDecodedBodyBytes", ServedFiles.MaxDecodedBodyBytes.ToString(CultureInfo.InvariantCulture)));

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The gzip bytes curl uploaded.</summary>
    public byte[] UploadGzip { get; } = ServedFiles.Gzip(ServedFiles.Upload);

    public async Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        _directory = Directory.CreateTempSubdirectory("snoop-content-traffic-");
        try
        {
            await RecordAndImportAsync(_directory.FullName);
        }
        catch (CaptureUnavailableException e)
        {
            _unavailable = e;
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
        }
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        Factory.Dispose();
        if (_directory is not null && Environment.GetEnvironmentVariable(KeepVariable) != "1")
        {
            _directory.Delete(recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// False (after saying so in the test output) when packets cannot be captured here and SNOOP_SKIP_PRIVILEGED=1;
    /// without that variable a missing capture privilege fails the test, with the reason.
    /// </summary>
    public bool IsAvailable(ITestOutputHelper output)
    {
        _failure?.Throw();
        if (_unavailable is null)
        {
            output.WriteLine($"Capture and nginx files in {_directory!.FullName} (kept when {KeepVariable}=1).");
            return true;
        }

        if (Environment.GetEnvironmentVariable(SkipVariable) != "1")
        {
            throw new InvalidOperationException(_unavailable.Message, _unavailable);
        }

        output.WriteLine($"Not run ({SkipVariable}=1): {_unavailable.Message}");
        return false;
    }

    /// <summary>The id of the exchange that requested <paramref name="path"/>.</summary>
    public long IdOf(string path) => _ids[path];

    /// <summary>How many body bytes curl received (or sent, for the upload): the body as it was on the wire.</summary>
    public long WireSizeOf(string path) => _downloaded[path];

    private async Task RecordAndImportAsync(string directory)
    {
        var capture = Path.Combine(directory, "content.pcap");
        var upload = Path.Combine(directory, "upload.json.gz");
        await File.WriteAllBytesAsync(upload, UploadGzip);
        using (var nginx = await ContentNginx.StartAsync(Path.Combine(directory, "nginx")))
        using (var tcpdump = await PacketCaptureProcess.StartAsync(
            "tcpdump", ["-i", "lo", "-U", "--immediate-mode", "-s", "0", "-w", capture, $"tcp port {nginx.Port}"], "listening on", "tcpdump"))
        {
            var origin = $"http://127.0.0.1:{nginx.Port}";
            foreach (var path in new[] { Page, Report, Pixel, Large, Bomb })
            {
                _downloaded[path] = await CurlAsync("size_download", "-H", AcceptGzip, origin + path);
            }

            _downloaded[UnknownCoding] = await CurlAsync("size_download", origin + UnknownCoding);
            _downloaded[Upload] = await CurlAsync(
                "size_upload",
                "--data-binary", $"@{upload}",
                "-H", "Content-Type: application/json",
                "-H", "Content-Encoding: gzip",
                "-H", "Expect: 100-continue",
                origin + Upload);
            // Immediate mode hands each packet over at once; the pause lets the last ones reach the file.
            await Task.Delay(CaptureTailDelay);
            await tcpdump.StopAsync();
        }

        var session = (await Client.ImportAsync(capture)).GetProperty("id").GetString();
        foreach (var exchange in (await Client.GetJsonAsync($"/api/exchanges?session={session}")).Items())
        {
            _ids.Add(exchange.GetProperty("path").GetString()!, exchange.GetProperty("id").GetInt64());
        }

        if (_ids.Count != _downloaded.Count)
        {
            throw new InvalidOperationException($"The capture holds {_ids.Count} exchanges for curl's {_downloaded.Count} requests.");
        }
    }

    /// <summary>Runs curl for one transfer and returns the byte count <paramref name="sizeVariable"/> it reports.</summary>
    private static async Task<long> CurlAsync(string sizeVariable, params string[] arguments)
    {
        var start = new ProcessStartInfo("curl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--silent", "--show-error", "--fail", "--noproxy", "*", "-o", "/dev/null", "--write-out", $"%{{{sizeVariable}}}", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("curl is not installed (Debian: apt-get install curl).", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"curl {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}");
            }

            return long.Parse(await stdout, CultureInfo.InvariantCulture);
        }
    }
}
