using System.Formats.Tar;
using System.Text;

namespace SnoopRecorder.TestSupport;

/// <summary>
/// The image test containers run, made on this machine because no registry is reachable: a true scratch image
/// (<c>docker import</c> of a tar, no base layer) holding only
/// <list type="bullet">
/// <item><c>/bin/busybox</c>, a copy of Debian's statically linked busybox (package busybox-static), and the symlink
/// <c>/bin/sh</c> to it;</item>
/// <item><c>/www/index.html</c> and <c>/www/hello.txt</c> (<see cref="HelloText"/>) for <c>busybox httpd</c>;</item>
/// <item>an empty <c>/tmp</c>.</item>
/// </list>
/// Commands name busybox explicitly: <c>/bin/busybox sleep 600</c>, <c>/bin/busybox sh -c '...'</c>, <see cref="Httpd"/>.
/// </summary>
public static class ScratchImage
{
    public const string Name = "snooprecorder-test/busybox:1";
    public const string Busybox = "/bin/busybox";
    public const string WebRoot = "/www";
    public const string HelloText = "hello from the container\n";
    public const string IndexHtml = "<!DOCTYPE html>\n<html><body><p>snooprecorder test container</p></body></html>\n";

    private const string HostBusybox = "/bin/busybox";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _ready;

    /// <summary>The command of a container serving <see cref="WebRoot"/> over HTTP on <paramref name="port"/>.</summary>
    public static string[] Httpd(int port) =>
        [Busybox, "httpd", "-f", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-h", WebRoot];

    /// <summary>The command of a container that just lives (ten minutes).</summary>
    public static string[] Sleep() => [Busybox, "sleep", "600"];

    /// <summary>
    /// The image's name, once it exists: made at most once per process, and reused when another process (another
    /// test assembly, an earlier run) already made it.
    /// </summary>
    public static async Task<string> EnsureAsync()
    {
        if (Volatile.Read(ref _ready))
        {
            return Name;
        }

        await Gate.WaitAsync();
        try
        {
            if (!_ready)
            {
                var existing = await DockerHost.RunCliAsync(["image", "inspect", "--format", "{{.Id}}", Name]);
                if (!existing.Succeeded)
                {
                    await ImportAsync();
                }

                Volatile.Write(ref _ready, true);
            }

            return Name;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task ImportAsync()
    {
        var busybox = await ReadStaticBusyboxAsync();
        // Two processes importing at once both succeed; the tag ends on one of two identical images.
        (await DockerHost.RunCliAsync(
                ["import", "--change", $"CMD [\"{Busybox}\", \"sh\"]", "-", Name],
                input => WriteRootFileSystemAsync(input, busybox)))
            .EnsureSuccess();
    }

    private static async Task WriteRootFileSystemAsync(Stream output, byte[] busybox)
    {
        const UnixFileMode Directory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        const UnixFileMode Executable = Directory;
        const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead
            | UnixFileMode.OtherRead;

        await using var tar = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true);
        await tar.WriteEntryAsync(new UstarTarEntry(TarEntryType.Directory, "bin/") { Mode = Directory });
        await tar.WriteEntryAsync(new UstarTarEntry(TarEntryType.RegularFile, "bin/busybox")
        {
            Mode = Executable,
            DataStream = new MemoryStream(busybox),
        });
        await tar.WriteEntryAsync(new UstarTarEntry(TarEntryType.SymbolicLink, "bin/sh") { LinkName = "busybox" });
        await tar.WriteEntryAsync(new UstarTarEntry(TarEntryType.Directory, "www/") { Mode = Directory });
        foreach (var (file, content) in new[] { ("www/index.html", IndexHtml), ("www/hello.txt", HelloText) })
        {
            await tar.WriteEntryAsync(new UstarTarEntry(TarEntryType.RegularFile, file)
            {
                Mode = Readable,
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
            });
        }

        await tar.WriteEntryAsync(new UstarTarEntry(TarEntryType.Directory, "tmp/")
        {
            Mode = Directory | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite
                | UnixFileMode.StickyBit,
        });
    }

    private static async Task<byte[]> ReadStaticBusyboxAsync()
    {
        if (!File.Exists(HostBusybox))
        {
            throw new DockerUnavailableException(
                $"{HostBusybox} is missing; the test image is made from it (Debian: apt-get install busybox-static).");
        }

        var busybox = await File.ReadAllBytesAsync(HostBusybox);
        if (!ElfExecutable.IsStatic(busybox))
        {
            throw new DockerUnavailableException(
                $"{HostBusybox} is dynamically linked and cannot run in a scratch image: " +
                "replace Debian's busybox with busybox-static (apt-get install busybox-static).");
        }

        return busybox;
    }
}
