using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace SnoopRecorder.TestSupport;

/// <summary>
/// A running tcpdump or tshark writing a capture file. Started, it has announced on stderr that it is capturing;
/// stopped with SIGINT, it has flushed the file and exited.
/// </summary>
public sealed partial class PacketCaptureProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);

    private readonly Process _process;
    private readonly string _tool;
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _capturing = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _readyMarker;
    private readonly TaskCompletionSource _firstPacketPrinted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PacketCaptureProcess(Process process, string tool, string readyMarker)
    {
        _process = process;
        _tool = tool;
        _readyMarker = readyMarker;
    }

    /// <summary>Starts <paramref name="tool"/> and waits until it prints <paramref name="readyMarker"/> on stderr.</summary>
    /// <exception cref="CaptureUnavailableException">The tool is missing, or exits before capturing (no privilege).</exception>
    public static async Task<PacketCaptureProcess> StartAsync(
        string tool, IReadOnlyList<string> arguments, string readyMarker, string debianPackage)
    {
        Process process;
        try
        {
            process = ExternalCommand.Start(tool, arguments, debianPackage);
        }
        catch (ToolMissingException e)
        {
            throw new CaptureUnavailableException(e.Message, e);
        }

        var capture = new PacketCaptureProcess(process, tool, readyMarker);
        process.ErrorDataReceived += capture.OnStandardError;
        process.BeginErrorReadLine();
        process.OutputDataReceived += capture.OnStandardOutput;
        process.BeginOutputReadLine();
        _ = capture.ReportEarlyExitAsync();

        try
        {
            await capture._capturing.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            capture.Dispose();
            throw;
        }

        return capture;
    }

    /// <summary>
    /// For a tool that prints a line per packet on stdout (tshark -P): calls <paramref name="probe"/> until the tool has
    /// printed one, proving it captures. tshark announces "Capturing on" before dumpcap's filter and ring are live.
    /// </summary>
    public async Task ProbeUntilCapturingAsync(Func<Task> probe)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!_firstPacketPrinted.Task.IsCompleted)
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new InvalidOperationException($"{_tool} captured nothing of the probe traffic: {StandardError}");
            }

            await probe();
            await Task.WhenAny(_firstPacketPrinted.Task, Task.Delay(ProbeInterval));
        }
    }

    /// <summary>Stops the capture with SIGINT and returns what the tool printed on stderr (its statistics).</summary>
    public async Task<string> StopAsync()
    {
        ProcessSignals.Interrupt(_process.Id);
        using var timeout = new CancellationTokenSource(StopTimeout);
        await _process.WaitForExitAsync(timeout.Token);
        var stderr = StandardError;
        var dropped = DroppedByKernel().Match(stderr);
        if (dropped.Success && long.Parse(dropped.Groups[1].Value) > 0)
        {
            throw new InvalidOperationException($"{_tool} lost packets, the capture is not whole: {stderr}");
        }

        return stderr;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    private void OnStandardError(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is null)
        {
            return;
        }

        lock (_stderr)
        {
            _stderr.AppendLine(e.Data);
        }

        if (e.Data.Contains(_readyMarker, StringComparison.Ordinal))
        {
            _capturing.TrySetResult();
        }
    }

    private void OnStandardOutput(object sender, DataReceivedEventArgs e)
    {
        if (!string.IsNullOrWhiteSpace(e.Data))
        {
            _firstPacketPrinted.TrySetResult();
        }
    }

    private async Task ReportEarlyExitAsync()
    {
        await _process.WaitForExitAsync();
        _capturing.TrySetException(new CaptureUnavailableException(
            $"{_tool} exited with {_process.ExitCode} before capturing: {StandardError.Trim()} " +
            "Capturing needs root (or CAP_NET_RAW and CAP_NET_ADMIN); run the tests as root, " +
            "or set SNOOP_SKIP_PRIVILEGED=1 to let these tests return early."));
    }

    [GeneratedRegex(@"(\d+) packets? dropped by kernel")]
    private static partial Regex DroppedByKernel();
}
