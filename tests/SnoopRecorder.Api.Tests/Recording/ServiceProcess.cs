using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SnoopRecorder.Api.Tests.Recording;

/// <summary>
/// The real <c>snooprecorder</c> program as a separate process on a free loopback port, optionally started under
/// <c>setpriv</c> with fewer capabilities, and killable with SIGKILL. Unless started unconfigured, it is given
/// <see cref="SnoopApiFactory.ApiKey"/> and <see cref="Client"/> sends it.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, int port, bool sendKey)
    {
        _process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        if (sendKey)
        {
            Client.DefaultRequestHeaders.Authorization = new("Bearer", SnoopApiFactory.ApiKey);
        }
    }

    public HttpClient Client { get; }

    public int Port { get; }

    /// <summary>Everything the process has written so far (standard output and error, line by line).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="dataDirectory">The service's data directory.</param>
    /// <param name="droppedCapabilities">Capabilities removed from the bounding and inheritable sets (e.g. "net_raw").</param>
    public static Task<ServiceProcess> StartAsync(string dataDirectory, params string[] droppedCapabilities) =>
        StartAsync(dataDirectory, droppedCapabilities, [$"--Snoop:ApiKey={SnoopApiFactory.ApiKey}"], sendKey: true);

    /// <summary>The program with no security settings of the test's: it makes up its own API key.</summary>
    public static Task<ServiceProcess> StartUnconfiguredAsync(string dataDirectory, params string[] settings) =>
        StartAsync(dataDirectory, [], settings, sendKey: false);

    private static async Task<ServiceProcess> StartAsync(string dataDirectory, string[] droppedCapabilities, string[] settings, bool sendKey)
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

        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "snooprecorder.dll"), "--urls", $"http://127.0.0.1:{port}", $"--Snoop:DataDirectory={dataDirectory}" }.Concat(settings))
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        var service = new ServiceProcess(process, port, sendKey);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
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

    /// <summary>Waits for the process to exit by itself (e.g. refusing its configuration) and returns its exit code.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            throw new TimeoutException($"the service did not exit within {timeout}: {Output}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
