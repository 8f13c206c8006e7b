using System.Globalization;

namespace SnoopRecorder.Capture.Namespaces;

/// <summary>The service's effective capabilities (the <c>CapEff</c> mask of /proc/self/status).</summary>
public static class ProcessCapabilities
{
    // Bit numbers from linux/capability.h.
    public const int NetRaw = 13;
    public const int SysPtrace = 19;
    public const int SysAdmin = 21;

    /// <summary>Whether the process has the capability; true when the mask cannot be read (the kernel will tell).</summary>
    public static bool Has(int capability)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("CapEff:", StringComparison.Ordinal))
                {
                    var mask = ulong.Parse(line.AsSpan("CapEff:".Length).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    return (mask & (1UL << capability)) != 0;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }

        return true;
    }

    public static string NameOf(int capability) => capability switch
    {
        NetRaw => "CAP_NET_RAW",
        SysPtrace => "CAP_SYS_PTRACE",
        SysAdmin => "CAP_SYS_ADMIN",
        _ => $"capability {capability}",
    };
}
