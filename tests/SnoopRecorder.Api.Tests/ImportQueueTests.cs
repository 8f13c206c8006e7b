using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Imports;
using SnoopRecorder.Api.Tests.Retention;
using SnoopRecorder.Capture.Files;

namespace SnoopRecorder.Api.Tests;

/// <summary>
/// At most <c>Snoop:MaxQueuedImports</c> imports wait for analysis behind the running ones; one more upload is 429
/// with <c>Retry-After</c>, before anything of it is read or written. Analyses are held back by
/// <see cref="HeldCaptureAnalyzer"/>, one lane runs (<c>Snoop:MaxConcurrentImports=1</c>) and one import may wait.
/// </summary>
public sealed class ImportQueueTests : IDisposable
{
    private const string Capture = "arkime/http-simple-get.pcap";

    private readonly HeldCaptureAnalyzer _analyzer = new();
    private readonly SnoopApiFactory _factory = new(
        ("Snoop:MaxConcurrentImports", "1"), ("Snoop:MaxQueuedImports", "1"), ("Snoop:ImportWaitSeconds", "0"));

    private readonly WebApplicationFactory<Program> _app;
    private readonly HttpClient _api;

    public ImportQueueTests()
    {
        _app = _factory.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<ICaptureFileAnalyzer>(_analyzer)));
        _api = _app.CreateClient();
    }

    public void Dispose()
    {
        _analyzer.Release();
        _api.Dispose();
        _app.Dispose();
        _factory.Dispose();
        _analyzer.Dispose();
    }

    [Fact]
    public async Task BeyondMaxQueuedImportsWaiting_AnUploadIs429WithRetryAfter_AndNothingOfItIsWritten_UntilTheQueueMoves()
    {
        var running = await ImportHeldAsync();
        await _analyzer.WaitForStartAsync();
        var waiting = await ImportHeldAsync();
        var files = DataDirectoryFiles.SessionFiles(_factory.DataDirectory);
        var bytes = DataDirectoryFiles.Bytes(_factory.DataDirectory);

        using var refused = await _api.PostFileAsync(Corpus.PathOf(Capture));

        var detail = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(
            ImportsEndpoints.QueueFullRetryAfterSeconds.ToString(CultureInfo.InvariantCulture),
            Assert.Single(refused.Headers.GetValues("Retry-After")));
        Assert.Contains("1 import(s) are waiting for analysis", detail, StringComparison.Ordinal);
        Assert.Contains("Snoop:MaxQueuedImports = 1", detail, StringComparison.Ordinal);
        Assert.Contains("raise Snoop:MaxQueuedImports", detail, StringComparison.Ordinal);
        Assert.Equal(files, DataDirectoryFiles.SessionFiles(_factory.DataDirectory));
        Assert.Equal(bytes, DataDirectoryFiles.Bytes(_factory.DataDirectory));
        Assert.Equal(
            new[] { running, waiting }.Order(),
            (await _api.GetJsonAsync("/api/sessions")).Items().Select(s => s.GetProperty("id").GetString()!).Order());

        // The running analysis ends and the waiting one is taken: a place is free again.
        _analyzer.Release();
        await WaitForCompletedAsync(running);
        await WaitForCompletedAsync(waiting);
        var next = await ImportHeldAsync();
        await WaitForCompletedAsync(next);
    }

    [Fact]
    public async Task AnUploadRefusedWhileHoldingAPlace_GivesThePlaceBack()
    {
        await ImportHeldAsync();
        await _analyzer.WaitForStartAsync();

        using (var notACapture = await _api.PostRawAsync("not a capture at all"u8.ToArray()))
        {
            await notACapture.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        }

        using (var empty = await _api.PostRawAsync([]))
        {
            await empty.AssertProblemAsync(HttpStatusCode.BadRequest);
        }

        await ImportHeldAsync();
        using var third = await _api.PostFileAsync(Corpus.PathOf(Capture));
        await third.AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    public void MaxQueuedImportsOutOfRange_StopsTheServiceAtStart(string value)
    {
        using var factory = new SnoopApiFactory(("Snoop:MaxQueuedImports", value));

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Snoop:MaxQueuedImports must be from 1 to 10000", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Imports the capture, answered 202 at once (its analysis is held), and returns the session's id.</summary>
    private async Task<string> ImportHeldAsync()
    {
        var session = await _api.ImportAsync(Corpus.PathOf(Capture), HttpStatusCode.Accepted);
        Assert.Equal("analyzing", session.GetProperty("status").GetString());
        return session.GetProperty("id").GetString()!;
    }

    private async Task WaitForCompletedAsync(string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? status;
        while ((status = (await _api.GetJsonAsync($"/api/sessions/{id}")).GetProperty("status").GetString()) == "analyzing"
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal("completed", status);
    }
}
