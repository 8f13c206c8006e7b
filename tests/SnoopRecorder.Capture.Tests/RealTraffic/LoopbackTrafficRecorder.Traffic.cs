using System.Globalization;
using System.Text.RegularExpressions;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Capture.Tests.RealTraffic;

public sealed partial class LoopbackTrafficRecorder
{
    private const string DevNull = "/dev/null";

    /// <summary>The client side of the recording: curl runs of one connection each, then ApacheBench.</summary>
    private static async Task<ClientPorts> SendTrafficAsync(string directory, int port)
    {
        var origin = $"http://127.0.0.1:{port}";
        var uploadFile = Path.Combine(directory, "upload.bin");
        await File.WriteAllBytesAsync(uploadFile, ServedContent.Upload);

        // curl reuses one connection for the URLs of one command line.
        var keepAlive = await CurlAsync(
            "-o", DevNull, "-o", DevNull, "-o", DevNull, "-o", DevNull,
            $"{origin}/hello", $"{origin}/static/small.txt", $"{origin}/missing", $"{origin}/chunked");
        if (keepAlive.Length != 4 || keepAlive.Distinct().Count() != 1)
        {
            throw new InvalidOperationException($"curl did not reuse one connection: local ports {string.Join(", ", keepAlive)}.");
        }

        var http10 = await CurlAsync("--http1.0", "-o", DevNull, $"{origin}/static/small.txt");
        var upload = await CurlAsync(
            "-o", DevNull, "-X", "POST", "--data-binary", $"@{uploadFile}",
            "-H", "Content-Type: application/octet-stream", "-H", "Expect: 100-continue", $"{origin}/upload");
        var ipv6 = await CurlAsync("-g", "-o", DevNull, $"http://[::1]:{port}/hello");
        var close = await CurlAsync("-o", DevNull, $"{origin}/close");
        var head = await CurlAsync("-I", "-o", DevNull, $"{origin}/static/small.txt");
        var large = await CurlAsync("-o", DevNull, $"{origin}/static/large.bin");
        await ApacheBenchAsync($"{origin}/bench");

        return new ClientPorts(keepAlive[0], http10.Single(), upload.Single(), ipv6.Single(), close.Single(), head.Single(), large.Single());
    }

    /// <summary>Runs curl and returns the local port of each transfer.</summary>
    private static async Task<int[]> CurlAsync(params string[] arguments)
    {
        var result = await ExternalCommand.RunAsync(
            "curl", ["--silent", "--show-error", "--noproxy", "*", "--write-out", "%{local_port}\\n", .. arguments], "curl");
        return result.EnsureSuccess().StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture))
            .ToArray();
    }

    private static async Task ApacheBenchAsync(string url)
    {
        var result = (await ExternalCommand.RunAsync(
            "ab",
            ["-k", "-q", "-n", $"{TrafficRecording.BenchRequests}", "-c", $"{TrafficRecording.BenchConcurrency}", url],
            "apache2-utils")).EnsureSuccess();
        var output = result.StandardOutput;
        if (!Regex.IsMatch(output, $@"Complete requests:\s+{TrafficRecording.BenchRequests}\b")
            || !Regex.IsMatch(output, @"Failed requests:\s+0\b"))
        {
            throw new InvalidOperationException($"ab did not complete its requests cleanly:\n{output}");
        }
    }
}
