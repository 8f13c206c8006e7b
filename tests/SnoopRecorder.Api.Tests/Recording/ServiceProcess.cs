using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SnoopRecorder.Api.Tests.Recording;

/// <summary>
/// The real <c>snooprecorder</c> program as a separate process on a free loopback port, optionally started under
/// <c>setpriv</c> with fewer capabilities, and killable with SIGKILL.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly Task<string> _output;

    private ServiceProcess(Process process, Task<string> output, int port)
    {
        _process = process;
        _output = output;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    /// <summary>Everything the process wrote, once it has exited.</summary>
    public string Output => _process.HasExited ? _output.Result : "(still running)";

    /// <param name="dataDirectory">The service's data directory.</param>
    /// <param name="droppedCapabilities">Capabilities removed from the bounding and inheritable sets (e.g. "net_raw").</param>
    public static async Task<ServiceProcess> StartAsync(string dataDirectory, params string[] droppedCapabilities)
    {
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(droppedCapabilities.Length == 0 ? "dotnet" : "setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (droppedCapabilities.Length > 0)
        {
            // Root keeps every capability across exec unless it is gone from both the bounding and inheritable sets.
            var drop = string.Join(',', droppedCapabilities.Select(c => "-" + c));
            start.ArgumentList.Add($"--bounding-set={drop}");
            start.ArgumentList.Add($"--inh-caps={drop}");
            start.ArgumentList.Add("dotnet");
        }

        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "snooprecorder.dll"), "--urls", $"http://127.0.0.1:{port}", $"--Snoop:DataDirectory={dataDirectory}" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var output = Task.WhenAll(stdout, stderr).ContinueWith(_ => stdout.Result + stderr.Result, TaskScheduler.Default);
        var service = new ServiceProcess(process, output, port);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                if ((await service.Client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return service;
                }
            }
            catch (HttpRequestException) when (!process.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
                continue;
            }

            service.Dispose();
            throw new InvalidOperationException($"the service did not start: {service.Output}");
        }
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
