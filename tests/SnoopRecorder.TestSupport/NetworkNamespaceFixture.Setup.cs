using System.Globalization;

namespace SnoopRecorder.TestSupport;

public sealed partial class NetworkNamespaceFixture
{
    private const int SubnetCount = 251;
    private const int SubnetAttempts = 50;

    // Tests of several assemblies create namespaces at once; the lock makes "pick a free 10.231.N.0/30 and take it"
    // one step across processes (.NET takes an exclusive flock for FileShare.None on Unix).
    private static readonly string SubnetLockPath = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "snoop-netns-subnets.lock");
    private static readonly TimeSpan SubnetLockWait = TimeSpan.FromSeconds(30);

    /// <summary>Makes the namespace and the veth pair and returns the N of the 10.231.N.0/30 they use.</summary>
    private int CreateLinked()
    {
        RunIp("netns", "add", Name);
        RunIp("-n", Name, "link", "set", "lo", "up");
        RunIp("link", "add", HostInterface, "type", "veth", "peer", "name", NamespaceInterface, "netns", Name);

        using var subnetLock = AcquireSubnetLock();
        var subnet = PickFreeSubnet();
        RunIp("addr", "add", $"10.231.{subnet}.1/30", "dev", HostInterface);
        RunIp("link", "set", HostInterface, "up");
        RunIp("-n", Name, "addr", "add", $"10.231.{subnet}.2/30", "dev", NamespaceInterface);
        RunIp("-n", Name, "link", "set", NamespaceInterface, "up");
        return subnet;
    }

    private static int PickFreeSubnet()
    {
        var addresses = RunIp("-4", "-o", "addr", "show");
        for (var attempt = 0; attempt < SubnetAttempts; attempt++)
        {
            var candidate = Random.Shared.Next(SubnetCount);
            if (!addresses.Contains(string.Create(CultureInfo.InvariantCulture, $"inet 10.231.{candidate}."), StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"No free 10.231.N.0/30 after {SubnetAttempts} tries: leftover test namespaces? (ip netns list | grep snoop-t-)");
    }

    private static FileStream AcquireSubnetLock()
    {
        var deadline = DateTime.UtcNow + SubnetLockWait;
        while (true)
        {
            try
            {
                return new FileStream(SubnetLockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    private void DeleteNamespaceAndLink(bool throwOnFailure)
    {
        // Deleting the namespace destroys its veth end, and with it the host end; the second step is for a namespace
        // that was never made or a link left by an earlier failure.
        var namespaceDeleted = HostCommand.Run(Ip, "netns", "del", Name);
        var hostLink = HostCommand.Run(Ip, "link", "show", HostInterface);
        if (hostLink.Succeeded)
        {
            HostCommand.Run(Ip, "link", "del", HostInterface);
        }

        if (throwOnFailure)
        {
            namespaceDeleted.EnsureSuccess();
        }
    }

    private static string RunIp(params string[] arguments)
    {
        HostCommandResult result;
        try
        {
            result = HostCommand.Run(Ip, arguments);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("ip is not installed (Debian: apt-get install iproute2).", e);
        }

        if (!result.Succeeded)
        {
            var hint = result.StandardError.Contains("Operation not permitted", StringComparison.OrdinalIgnoreCase)
                ? " Creating namespaces and links needs root (CAP_SYS_ADMIN, CAP_NET_ADMIN)."
                : string.Empty;
            throw new InvalidOperationException(
                $"'{result.CommandLine}' exited with {result.ExitCode}: {result.StandardError.Trim()}{hint}");
        }

        return result.StandardOutput;
    }
}
