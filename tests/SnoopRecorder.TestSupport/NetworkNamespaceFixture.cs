using System.Diagnostics;
using System.Net;

namespace SnoopRecorder.TestSupport;

/// <summary>
/// A named network namespace (<c>snoop-t-XXXXXX</c>) joined to the host by a veth pair: the host end
/// <c>svXXXXXX</c> has 10.231.N.1/30, the namespace end <see cref="NamespaceInterface"/> (a name no real namespace
/// uses, so a test can tell it really looks inside) has 10.231.N.2/30, and <c>lo</c> is up inside. Needs root and
/// iproute2. Disposing it kills what <see cref="StartInside"/> started and deletes the namespace and the veth pair.
/// Usable as an xunit class fixture.
/// </summary>
public sealed partial class NetworkNamespaceFixture : IDisposable
{
    /// <summary>The namespace end of the veth pair.</summary>
    public const string NamespaceInterface = "snoopeth0";

    private const string Ip = "ip";
    private readonly List<Process> _started = [];
    private bool _disposed;

    /// <summary>Creates the namespace and its link; everything made is undone when a step fails.</summary>
    public NetworkNamespaceFixture()
    {
        var suffix = RandomNames.Suffix(6);
        Name = $"snoop-t-{suffix}";
        HostInterface = $"sv{suffix}";
        Path = $"/run/netns/{Name}";
        try
        {
            var subnet = CreateLinked();
            HostAddress = IPAddress.Parse($"10.231.{subnet}.1");
            NamespaceAddress = IPAddress.Parse($"10.231.{subnet}.2");
        }
        catch
        {
            try
            {
                DeleteNamespaceAndLink(throwOnFailure: false);
            }
            catch (Exception cleanup) when (cleanup is InvalidOperationException or System.ComponentModel.Win32Exception or TimeoutException)
            {
                // The set-up failure says more than the clean-up's.
            }

            throw;
        }
    }

    /// <summary>True when <c>SNOOP_SKIP_PRIVILEGED=1</c> and this process is not root: tests may then return early.</summary>
    public static bool SkipRequested =>
        Environment.GetEnvironmentVariable("SNOOP_SKIP_PRIVILEGED") == "1" && !Environment.IsPrivilegedProcess;

    /// <summary><c>snoop-t-</c> and six random characters, as <c>ip netns list</c> shows it.</summary>
    public string Name { get; }

    /// <summary>The namespace's bind mount, <c>/run/netns/NAME</c>: what setns(2) opens.</summary>
    public string Path { get; }

    /// <summary>The host end of the veth pair, <c>sv</c> and the same six characters as the name.</summary>
    public string HostInterface { get; }

    public IPAddress HostAddress { get; }

    public IPAddress NamespaceAddress { get; }

    /// <summary>
    /// Starts <c>ip netns exec NAME FILE ARGS...</c> (e.g. <c>busybox httpd -f -p 8080 -h DIR</c>) with its output
    /// redirected; read it, or start commands that print little. The caller disposes of it; it is killed when the fixture
    /// is disposed.
    /// </summary>
    public Process StartInside(string file, params string[] args)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var process = HostCommand.Start(Ip, ["netns", "exec", Name, file, .. args]);
        lock (_started)
        {
            _started.Add(process);
        }

        return process;
    }

    /// <summary>Runs <c>ip netns exec NAME FILE ARGS...</c> to its end.</summary>
    public Task<HostCommandResult> RunInsideAsync(string file, params string[] args) =>
        HostCommand.RunAsync(Ip, ["netns", "exec", Name, file, .. args]);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_started)
        {
            foreach (var process in _started)
            {
                StopProcess(process);
            }

            _started.Clear();
        }

        DeleteNamespaceAndLink(throwOnFailure: true);
    }

    private static void StopProcess(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (InvalidOperationException)
        {
            // It ended between the check and the kill, or its owner disposed of it.
        }
    }
}
