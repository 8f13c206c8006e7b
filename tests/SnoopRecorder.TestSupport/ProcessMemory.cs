using System.Diagnostics;

namespace SnoopRecorder.TestSupport;

/// <summary>
/// The process's resident memory: its peak from Linux's VmHWM, reset at the start of a measurement through
/// <c>/proc/self/clear_refs</c> (Linux 4.0+); where that is not possible, the highest of samples taken every 10 ms.
/// </summary>
public sealed class ProcessMemory : IDisposable
{
    private const string Status = "/proc/self/status";
    private readonly Timer _sampler;
    private readonly bool _kernelPeak;
    private long _sampledPeak;

    public ProcessMemory()
    {
        _kernelPeak = TryResetKernelPeak();
        _sampledPeak = WorkingSet();
        _sampler = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(10));
    }

    /// <summary>Highest resident set since this object was made.</summary>
    public long PeakBytes => Math.Max(_kernelPeak ? ReadStatus("VmHWM:") : 0, Interlocked.Read(ref _sampledPeak));

    public string PeakSource => _kernelPeak ? "VmHWM" : "sampled";

    public static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    public void Dispose() => _sampler.Dispose();

    private void Sample()
    {
        var now = WorkingSet();
        long seen;
        while (now > (seen = Interlocked.Read(ref _sampledPeak)) && Interlocked.CompareExchange(ref _sampledPeak, now, seen) != seen)
        {
        }
    }

    private static bool TryResetKernelPeak()
    {
        try
        {
            // "5" resets the peak RSS (proc(5), /proc/pid/clear_refs).
            File.WriteAllText("/proc/self/clear_refs", "5");
            return ReadStatus("VmHWM:") > 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long ReadStatus(string field)
    {
        try
        {
            var line = File.ReadLines(Status).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            var kilobytes = line?[field.Length..].Trim().Split(' ')[0];
            return kilobytes is null ? 0 : long.Parse(kilobytes) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
