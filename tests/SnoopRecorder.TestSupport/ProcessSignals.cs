using System.Runtime.InteropServices;

namespace SnoopRecorder.TestSupport;

/// <summary>Sends SIGINT, the signal tcpdump and tshark treat as "flush the file, print statistics and exit".</summary>
public static class ProcessSignals
{
    private const int SigInt = 2;

    public static void Interrupt(int processId)
    {
        if (kill(processId, SigInt) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, SIGINT) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
