using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace SnoopRecorder.Api.Tests.ContentTraffic;

/// <summary>
/// <c>tcpdump -i lo</c> writing one port's traffic to a pcap file. Started, it has said "listening on"; stopped with
/// SIGINT, it has flushed the file and exited.
/// </summary>
internal sealed partial class LoopbackTcpdump : IDisposable
{
    private const int SigInt = 2;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // Packets wait in libpcap's buffer until it fills or its timeout passes; immediate mode hands each one over at
    // once, and the pause before stopping lets the last ones reach the file.
    private static readonly TimeSpan TailDelay = TimeSpan.FromMilliseconds(500);

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LoopbackTcpdump(Process process)
    {
        _process = process;
    }

    /// <exception cref="CaptureUnavailableException">tcpdump is missing, or exited before capturing (no privilege).</exception>
    public static async Task<LoopbackTcpdump> StartAsync(string file, int port)
    {
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo("tcpdump")
            {
                ArgumentList = { "-i", "lo", "-U", "--immediate-mode", "-s", "0", "-w", file, $"tcp port {port}" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CaptureUnavailableException("tcpdump is not installed (Debian: apt-get install tcpdump).", e);
        }

        var capture = new LoopbackTcpdump(process);
        process.ErrorDataReceived += capture.OnStandardError;
        process.BeginErrorReadLine();
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        _ = capture.ReportEarlyExitAsync();
        try
        {
            await capture._listening.Task.WaitAsync(Timeout);
        }
        catch
        {
            capture.Dispose();
            throw;
        }

        return capture;
    }

    /// <summary>Stops the capture and fails when the kernel dropped packets (the file would not be whole).</summary>
    public async Task StopAsync()
    {
        await Task.Delay(TailDelay);
        if (kill(_process.Id, SigInt) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGINT) failed: errno {Marshal.GetLastPInvokeError()}.");
        }

        using var timeout = new CancellationTokenSource(Timeout);
        await _process.WaitForExitAsync(timeout.Token);
        var stderr = StandardError;
        if (DroppedByKernel().Match(stderr) is not { Success: true } dropped || dropped.Groups[1].Value != "0")
        {
            throw new InvalidOperationException($"tcpdump lost packets, the capture is not whole: {stderr}");
        }
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

        if (e.Data.Contains("listening on", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }

    private async Task ReportEarlyExitAsync()
    {
        await _process.WaitForExitAsync();
        _listening.TrySetException(new CaptureUnavailableException(
            $"tcpdump exited with {_process.ExitCode} before capturing: {StandardError.Trim()} Capturing needs root " +
            "(or CAP_NET_RAW and CAP_NET_ADMIN); run the tests as root, or set SNOOP_SKIP_PRIVILEGED=1 to let these tests return early."));
    }

    [GeneratedRegex(@"(\d+) packets? dropped by kernel")]
    private static partial Regex DroppedByKernel();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
