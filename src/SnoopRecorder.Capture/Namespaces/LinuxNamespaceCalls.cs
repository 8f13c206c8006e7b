using System.Runtime.InteropServices;

namespace SnoopRecorder.Capture.Namespaces;

/// <summary>The libc calls that switch a thread's network namespace (setns(2)).</summary>
internal static partial class LinuxNamespaceCalls
{
    /// <summary><c>CLONE_NEWNET</c> (sched.h): setns must find a network namespace behind the descriptor.</summary>
    public const int CloneNewNet = 0x40000000;

    public const int EPERM = 1;
    public const int EINVAL = 22;

    /// <summary><c>NS_GET_NSTYPE</c> (linux/nsfs.h, <c>_IO(0xb7, 0x3)</c>): the kind of namespace behind a descriptor.</summary>
    public const nuint NsGetNsType = 0xb703;

    /// <summary>Room for <c>struct stat</c> (144 bytes on x86-64 and arm64).</summary>
    public const int StatBufferLength = 256;

    /// <summary>Offset of <c>st_ino</c> in <c>struct stat</c>, after the 64-bit <c>st_dev</c> (x86-64 and arm64).</summary>
    public const int StatInodeOffset = 8;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setns(int fd, int nstype);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ioctl(int fd, nuint request);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int fstat(int fd, byte* buffer);
}
