using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Api.Tests.ContentTraffic;

/// <summary>
/// nginx in the foreground on a free loopback port, compressing text with gzip on the fly, serving a pre-compressed
/// bomb (gzip_static), a response claiming an unknown coding, and an upload location that proxies to a second port
/// (so nginx reads the request body and answers <c>Expect: 100-continue</c>).
/// </summary>
internal sealed class ContentNginx : IDisposable
{
    public const string TrailerName = "X-Served-By";
    public const string TrailerValue = "snoop-content-test";
    public const string UnknownCoding = "zstd";
    public const string UnknownCodingBody = "pretend this is zstd\n";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;

    private ContentNginx(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<ContentNginx> StartAsync(string prefix)
    {
        var www = Directory.CreateDirectory(Path.Combine(prefix, "www")).FullName;
        Directory.CreateDirectory(Path.Combine(prefix, "temp"));
        Directory.CreateDirectory(Path.Combine(www, "data"));
        Directory.CreateDirectory(Path.Combine(www, "img"));
        await File.WriteAllBytesAsync(Path.Combine(www, "page.html"), ServedFiles.Page);
        await File.WriteAllBytesAsync(Path.Combine(www, "data", "report.json"), ServedFiles.Report);
        await File.WriteAllBytesAsync(Path.Combine(www, "img", "pixel.png"), ServedFiles.Pixel);
        await File.WriteAllBytesAsync(Path.Combine(www, "large.txt"), ServedFiles.Large);
        await File.WriteAllBytesAsync(Path.Combine(www, "bomb.gz"), ServedFiles.Bomb.Value);

        var port = FreePort.Tcp(IPAddress.Loopback);
        var upstream = FreePort.Tcp(IPAddress.Loopback);
        var config = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(config, Render(prefix, www, port, upstream));
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo("nginx")
            {
                ArgumentList = { "-p", prefix, "-c", config, "-e", Path.Combine(prefix, "error.log") },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("nginx is not installed (Debian: apt-get install nginx-light).", e);
        }

        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
        var nginx = new ContentNginx(process, port);
        try
        {
            await nginx.WaitUntilListeningAsync(prefix);
            return nginx;
        }
        catch
        {
            nginx.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    // master_process off: one process, running as the user who started it, stopped by killing that one process.
    private static string Render(string prefix, string www, int port, int upstream) => $$"""
        daemon off;
        master_process off;
        worker_processes 1;
        pid {{prefix}}/nginx.pid;
        error_log {{prefix}}/error.log warn;
        events { worker_connections 64; }
        http {
            access_log off;
            client_body_temp_path {{prefix}}/temp/body;
            proxy_temp_path {{prefix}}/temp/proxy;
            fastcgi_temp_path {{prefix}}/temp/fastcgi;
            uwsgi_temp_path {{prefix}}/temp/uwsgi;
            scgi_temp_path {{prefix}}/temp/scgi;
            types { text/html html; application/json json; image/png png; text/plain txt; }
            default_type application/octet-stream;
            gzip on;
            gzip_min_length 1;
            gzip_types application/json text/plain;
            server {
                listen 127.0.0.1:{{port}};
                root {{www}};
                location = /page.html { add_trailer {{TrailerName}} {{TrailerValue}}; }
                location = /bomb { gzip_static on; }
                location = /zstd {
                    gzip off;
                    default_type text/plain;
                    add_header Content-Encoding {{UnknownCoding}};
                    return 200 "{{UnknownCodingBody.TrimEnd('\n')}}\n";
                }
                location = /upload {
                    client_body_buffer_size 1m;
                    proxy_pass http://127.0.0.1:{{upstream}}/received;
                }
            }
            server {
                listen 127.0.0.1:{{upstream}};
                location = /received { default_type text/plain; return 200 "received\n"; }
            }
        }
        """;

    private async Task WaitUntilListeningAsync(string prefix)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"nginx exited with {_process.ExitCode}: {await File.ReadAllTextAsync(Path.Combine(prefix, "error.log"))}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"nginx did not listen on port {Port} within {ReadyTimeout.TotalSeconds} s.");
    }
}
