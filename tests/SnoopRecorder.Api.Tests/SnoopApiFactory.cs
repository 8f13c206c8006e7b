using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace SnoopRecorder.Api.Tests;

/// <summary>The real service in memory, with its own temporary data directory and optional extra settings.</summary>
public sealed class SnoopApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string> _settings;
    private readonly bool _ownsDirectory;

    public SnoopApiFactory(params (string Key, string Value)[] settings)
        : this(Path.Combine(Path.GetTempPath(), "snoop-api-tests", Guid.NewGuid().ToString("N")), ownsDirectory: true, settings)
    {
    }

    private SnoopApiFactory(string dataDirectory, bool ownsDirectory, (string Key, string Value)[] settings)
    {
        DataDirectory = dataDirectory;
        Directory.CreateDirectory(DataDirectory);
        _ownsDirectory = ownsDirectory;
        _settings = settings.ToDictionary(s => s.Key, s => s.Value);
    }

    /// <summary>Another service on an existing data directory (a restart); the directory is left in place.</summary>
    public static SnoopApiFactory On(string dataDirectory) => new(dataDirectory, ownsDirectory: false, []);

    /// <summary>The API key the service is configured with, unless a test sets its own security settings.</summary>
    public const string ApiKey = "test-api-key-0123456789abcdef";

    public string DataDirectory { get; }

    public string CapturesDirectory => Path.Combine(DataDirectory, "captures");

    public string[] CaptureFiles() =>
        Directory.Exists(CapturesDirectory) ? Directory.GetFiles(CapturesDirectory) : [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Snoop:DataDirectory", DataDirectory);
        if (!_settings.Keys.Any(key => key is "Snoop:ApiKey" or "Snoop:ApiKeyFile" or "Snoop:Authentication"))
        {
            builder.UseSetting("Snoop:ApiKey", ApiKey);
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Clients made by the factory send the key; tests of authentication remove or replace it.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiKey);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (!_ownsDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
