using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Storage;

namespace SnoopRecorder.Api.Security;

/// <summary>
/// The hash of the one accepted API key: of <c>Snoop:ApiKey</c>, of the key in <c>Snoop:ApiKeyFile</c>, or else of a
/// key the service generated at its first start. A generated key is shown once, in the start-up log; only its hash is
/// kept, in <c>api-key.sha256</c> in the data directory (delete that file to have a new key generated).
/// </summary>
internal sealed partial class ApiKeyStore(
    IOptions<SecurityOptions> security,
    IOptions<StorageOptions> storage,
    ILogger<ApiKeyStore> logger) : IHostedLifecycleService
{
    public const string HashFileName = "api-key.sha256";
    private const string GeneratedKeyPrefix = "snoop_";

    private readonly Lock _gate = new();
    private byte[]? _hash;

    /// <summary>The accepted key's SHA-256.</summary>
    public ReadOnlySpan<byte> Hash
    {
        get
        {
            lock (_gate)
            {
                return _hash ??= Resolve();
            }
        }
    }

    public string HashFilePath => Path.Combine(Path.GetFullPath(storage.Value.DataDirectory), HashFileName);

    // Resolved while the host starts, so that a generated key is printed at start rather than at the first request.
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (security.Value.Authentication == AuthenticationMode.ApiKey)
        {
            _ = Hash;
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private byte[] Resolve()
    {
        var options = security.Value;
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            return ApiKeyHash.Of(options.ApiKey.Trim());
        }

        if (!string.IsNullOrEmpty(options.ApiKeyFile))
        {
            return ApiKeyHash.Of(File.ReadAllText(options.ApiKeyFile).Trim());
        }

        var path = HashFilePath;
        if (File.Exists(path))
        {
            return ReadHashFile(path);
        }

        var key = GeneratedKeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var hash = ApiKeyHash.Of(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Created readable by the owner only, and never overwritten: two services starting on one data directory
        // cannot each believe their own key is the one kept.
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(path, create))
        using (var writer = new StreamWriter(file))
        {
            writer.WriteLine(Convert.ToHexStringLower(hash));
        }

        Log.KeyGenerated(logger, key, path);
        return hash;
    }

    private static byte[] ReadHashFile(string path)
    {
        var text = File.ReadAllText(path).Trim();
        try
        {
            var hash = Convert.FromHexString(text);
            if (hash.Length == ApiKeyHash.Length)
            {
                return hash;
            }
        }
        catch (FormatException)
        {
        }

        throw new InvalidOperationException(
            $"'{path}' does not hold a SHA-256 in hex. Delete it to have a new API key generated at the next start, or set Snoop:ApiKey.");
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
