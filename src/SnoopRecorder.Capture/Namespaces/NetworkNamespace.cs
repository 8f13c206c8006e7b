using System.Globalization;
using Microsoft.Win32.SafeHandles;
using SnoopRecorder.Capture.Targets;

namespace SnoopRecorder.Capture.Namespaces;

/// <summary>
/// An open network namespace: a descriptor on its nsfs file (<c>/proc/PID/ns/net</c> or a bind mount under
/// <c>/run/netns</c>). Holding the descriptor keeps the namespace alive and immune to PID reuse between resolving a
/// target and entering it.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    private const string NamespaceLinkPrefix = "net:[";

    private readonly SafeFileHandle _handle;

    private NetworkNamespace(SafeFileHandle handle, string path, ulong inode)
    {
        _handle = handle;
        Path = path;
        Inode = inode;
    }

    /// <summary>The file it was opened from.</summary>
    public string Path { get; }

    /// <summary>The namespace's inode number, the identity <c>ip netns identify</c> and <c>lsns</c> show.</summary>
    public ulong Inode { get; }

    internal SafeFileHandle Handle => _handle;

    /// <summary>The namespace of a process: <c>/proc/PID/ns/net</c>.</summary>
    /// <exception cref="TargetException">No such process, or no permission to look into it.</exception>
    public static NetworkNamespace OfProcess(int pid)
    {
        if (pid <= 0)
        {
            throw new TargetException(TargetProblem.Invalid, $"'{pid}' is not a process id: it must be a positive number");
        }

        return Open($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/ns/net", $"process {pid}");
    }

    /// <summary>Opens a namespace file; <paramref name="what"/> names it in error messages.</summary>
    /// <exception cref="TargetException">Missing, not a network namespace, or not permitted.</exception>
    public static NetworkNamespace Open(string path, string what)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TargetException(TargetProblem.NotFound, $"{what} does not exist ({path} is missing)", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new TargetException(
                TargetProblem.MissingPrivilege,
                $"the service may not open the network namespace of {what} ({path}): it needs CAP_SYS_PTRACE " +
                "(ptrace access to the process) and CAP_SYS_ADMIN",
                e);
        }

        try
        {
            var inode = InodeOf(handle) ?? throw new TargetException(
                TargetProblem.Invalid, $"{path} is not a network namespace (it is not an nsfs 'net:[...]' file)");
            return new NetworkNamespace(handle, path, inode);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The namespace the calling thread is in, read from <c>/proc/thread-self/ns/net</c>. (<c>/proc/self</c> shows the
    /// process's main thread, which is not the same thing once a thread has called setns.)
    /// </summary>
    public static ulong CurrentThreadInode() =>
        ParseInode(new FileInfo("/proc/thread-self/ns/net").LinkTarget)
        ?? throw new InvalidOperationException("/proc/thread-self/ns/net is not readable");

    /// <summary>The inode of a process's namespace, or null when the process is gone.</summary>
    public static ulong? InodeOfProcess(int pid)
    {
        try
        {
            return ParseInode(new FileInfo($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/ns/net").LinkTarget);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose() => _handle.Dispose();

    /// <summary>
    /// The namespace's inode when the descriptor is a network namespace (NS_GET_NSTYPE), else null. Its /proc/self/fd
    /// link would not do: for a bind mount under /run/netns it reads the mount's path, not <c>net:[INODE]</c>.
    /// </summary>
    private static unsafe ulong? InodeOf(SafeFileHandle handle)
    {
        var fd = (int)handle.DangerousGetHandle();
        if (LinuxNamespaceCalls.ioctl(fd, LinuxNamespaceCalls.NsGetNsType) != LinuxNamespaceCalls.CloneNewNet)
        {
            return null;
        }

        var stat = stackalloc byte[LinuxNamespaceCalls.StatBufferLength];
        return LinuxNamespaceCalls.fstat(fd, stat) == 0
            ? *(ulong*)(stat + LinuxNamespaceCalls.StatInodeOffset)
            : null;
    }

    internal static ulong? ParseInode(string? link) =>
        link is not null
        && link.StartsWith(NamespaceLinkPrefix, StringComparison.Ordinal)
        && link.EndsWith(']')
        && ulong.TryParse(link.AsSpan(NamespaceLinkPrefix.Length, link.Length - NamespaceLinkPrefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
            ? inode
            : null;
}
