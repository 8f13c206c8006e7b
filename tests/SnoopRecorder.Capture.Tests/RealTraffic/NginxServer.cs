using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Capture.Tests.RealTraffic;

/// <summary>
/// nginx in the foreground on a free loopback port (127.0.0.1 and [::1]) with its own prefix directory, plus an
/// upstream on a second port that the upload location proxies to (so nginx reads the request body and answers
/// <c>Expect: 100-continue</c>).
/// </summary>
internal sealed class NginxServer : IDisposable
{
    private const int StartAttempts = 3;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;

    private NginxServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<NginxServer> StartAsync(string directory)
    {
        WriteContent(directory);
        Exception? last = null;
        for (var attempt = 0; attempt < StartAttempts; attempt++)
        {
            var port = FreePort();
            var upstreamPort = FreePort();
            var config = Path.Combine(directory, "nginx.conf");
            File.WriteAllText(config, NginxConfig.Render(directory, port, upstreamPort));
            var process = ExternalCommand.Start(
                "nginx", ["-p", directory, "-c", config, "-e", Path.Combine(directory, "error.log")], "nginx-light");
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
            try
            {
                await WaitUntilListeningAsync(process, port);
                return new NginxServer(process, port);
            }
            catch (InvalidOperationException e)
            {
                // Most likely a port taken between FreePort() and nginx's bind(): try other ports.
                last = e;
                Stop(process);
            }
        }

        throw new InvalidOperationException($"nginx did not start after {StartAttempts} attempts.", last);
    }

    public void Dispose() => Stop(_process);

    private static void WriteContent(string directory)
    {
        var www = Directory.CreateDirectory(Path.Combine(directory, "www", "static")).Parent!.FullName;
        Directory.CreateDirectory(Path.Combine(directory, "temp"));
        File.WriteAllBytes(Path.Combine(www, "static", "small.txt"), ServedContent.SmallFile);
        File.WriteAllBytes(Path.Combine(www, "static", "large.bin"), ServedContent.LargeFile);
        File.WriteAllBytes(Path.Combine(www, "rewritten.html"), ServedContent.ChunkedTemplate);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task WaitUntilListeningAsync(Process process, int port)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {process.ExitCode} (see its error.log).");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"nginx did not listen on port {port} within {ReadyTimeout.TotalSeconds} s.");
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
    }
}
