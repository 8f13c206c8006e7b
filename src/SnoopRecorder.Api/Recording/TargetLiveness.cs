using System.Globalization;
using SnoopRecorder.Capture.Namespaces;

namespace SnoopRecorder.Api.Recording;

/// <summary>
/// Whether a recorded target is still there. A capture on <c>any</c> never sees its interfaces vanish (the socket
/// keeps the namespace alive), so the session looks for its target instead: the process still in the same namespace
/// (a reused PID is in another), or the named namespace file still present.
/// </summary>
internal static class TargetLiveness
{
    private const string ProcPrefix = "/proc/";

    public static bool IsGone(SessionTarget target)
    {
        if (target.Pid is { } pid)
        {
            return NetworkNamespace.InodeOfProcess(pid) != target.NetnsInode;
        }

        if (target.Netns is not { } path)
        {
            return false;
        }

        if (path.StartsWith(ProcPrefix, StringComparison.Ordinal))
        {
            var end = path.IndexOf('/', ProcPrefix.Length);
            return !int.TryParse(path.AsSpan(ProcPrefix.Length, end - ProcPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var owner)
                || NetworkNamespace.InodeOfProcess(owner) != target.NetnsInode;
        }

        return !File.Exists(path);
    }
}
