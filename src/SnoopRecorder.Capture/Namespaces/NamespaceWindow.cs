using System.Runtime.InteropServices;
using SnoopRecorder.Capture.Targets;

namespace SnoopRecorder.Capture.Namespaces;

/// <summary>
/// Runs a short, synchronous piece of code with the calling thread inside another network namespace, and brings the
/// thread back to the service's own namespace afterwards, whatever happens.
/// </summary>
/// <remarks>
/// A thread that has called setns passes its namespace to every thread it creates, and the runtime creates its
/// thread-pool, timer and gate threads from whichever thread first needs them. So the code inside the window must not
/// start tasks, await, create timers or threads, or log (console logging may start its thread): had the thread pool
/// grown from inside, the service's own sockets could have left through the target's network. Sockets opened inside
/// stay in the target namespace after the thread returns, which is what the window is for.
/// </remarks>
public static class NamespaceWindow
{
    // The process's main thread never switches namespace, so /proc/self/ns/net (the thread-group leader's) is the
    // service's own namespace; opened once, before any thread switched.
    private static readonly Lazy<NetworkNamespace> Host = new(
        () => NetworkNamespace.Open("/proc/self/ns/net", "the service's own network namespace"),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The service's own network namespace.</summary>
    public static NetworkNamespace HostNamespace => Host.Value;

    /// <exception cref="TargetException">setns was refused (CAP_SYS_ADMIN missing).</exception>
    public static T RunInside<T>(NetworkNamespace target, Func<T> action)
    {
        var host = Host.Value;
        Enter(target);
        try
        {
            return action();
        }
        finally
        {
            if (LinuxNamespaceCalls.setns((int)host.Handle.DangerousGetHandle(), LinuxNamespaceCalls.CloneNewNet) != 0)
            {
                // A thread stranded in a container's network is a security fault, not an error to report: everything it
                // touched next would use the wrong network. Stop the process rather than go on.
                Environment.FailFast($"could not return a thread to the service's network namespace (errno {Marshal.GetLastPInvokeError()})");
            }
        }
    }

    private static void Enter(NetworkNamespace target)
    {
        if (LinuxNamespaceCalls.setns((int)target.Handle.DangerousGetHandle(), LinuxNamespaceCalls.CloneNewNet) == 0)
        {
            return;
        }

        var errno = Marshal.GetLastPInvokeError();
        throw errno == LinuxNamespaceCalls.EPERM
            ? new TargetException(
                TargetProblem.MissingPrivilege,
                $"the service may not enter the network namespace {target.Path}: setns needs CAP_SYS_ADMIN")
            : new TargetException(
                TargetProblem.Invalid,
                $"cannot enter the network namespace {target.Path}: setns failed with errno {errno}");
    }
}
