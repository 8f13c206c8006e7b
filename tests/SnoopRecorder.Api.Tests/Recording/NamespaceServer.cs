using System.Diagnostics;
using System.Globalization;
using System.Net;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Api.Tests.Recording;

/// <summary>
/// A network namespace made for the tests, with busybox httpd serving a small folder inside it on
/// <see cref="Port"/> of the namespace's veth address, and an HttpClient on the host side to talk to it.
/// </summary>
public sealed class NamespaceServer : IDisposable
{
    public const int Port = 8080;
    public const string HelloPath = "/hello.txt";
    public const string HelloText = "hello from inside the namespace\n";

    private readonly string _webRoot = Path.Combine(Path.GetTempPath(), "snoop-ns-www-" + Guid.NewGuid().ToString("N"));

    public NamespaceServer()
    {
        Namespace = new NetworkNamespaceFixture();
        try
        {
            Directory.CreateDirectory(_webRoot);
            File.WriteAllText(Path.Combine(_webRoot, "hello.txt"), HelloText);
            Server = Namespace.StartInside("busybox", "httpd", "-f", "-p", $"{Namespace.NamespaceAddress}:{Port}", "-h", _webRoot);
            Client = new HttpClient { BaseAddress = new Uri($"http://{Namespace.NamespaceAddress}:{Port}"), Timeout = TimeSpan.FromSeconds(10) };
            WaitUntilServing();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public NetworkNamespaceFixture Namespace { get; }

    /// <summary>The <c>ip netns exec</c> process; busybox httpd runs in it (exec), so its PID is the server's.</summary>
    public Process Server { get; } = null!;

    public HttpClient Client { get; } = null!;

    /// <summary>The namespace's inode, as <c>stat</c> shows it for /run/netns/NAME.</summary>
    public ulong Inode => ulong.Parse(
        Tools.Run("stat", "-L", "-c", "%i", Namespace.Path).Trim(), CultureInfo.InvariantCulture);

    public void Dispose()
    {
        Client?.Dispose();
        Namespace.Dispose();
        try
        {
            Directory.Delete(_webRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void WaitUntilServing()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var response = Client.GetAsync(HelloPath).GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"busybox httpd did not start in namespace {Namespace.Name}");
            }

            Thread.Sleep(50);
        }
    }
}
