using System.Globalization;
using SnoopRecorder.Api.Tests.Recording;
using SnoopRecorder.TestSupport;
using Xunit.Abstractions;

namespace SnoopRecorder.Api.Tests.Samples;

/// <summary>
/// The documentation that runs: every request of every <c>http-samples/*.http</c> file is sent to the real service (a
/// separate process) with real ids and real recording targets, and must answer as it documents; and every operation of
/// the OpenAPI document has a sample.
/// </summary>
public sealed class HttpSamplesTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Its POST has a request and a response body, for the body samples; three exchanges, for the cursors.</summary>
    private const string IdsCapture = "arkime/http-post-upload.pcap";

    /// <summary>What <c>&lt; ./sample.pcap</c> in <c>imports.http</c> uploads.</summary>
    private const string UploadedCapture = "arkime/http-simple-get.pcap";

    private readonly TempDataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task EveryOperationOfTheOpenApiDocument_HasASample_AndEverySampleGoesToOne()
    {
        using var factory = new SnoopApiFactory();
        using var client = factory.CreateClient();
        var routes = ApiRoutes.FromOpenApi(await client.GetJsonAsync("/openapi/v1.json"));

        var covered = new HashSet<ApiRoute>();
        var unrouted = new List<string>();
        foreach (var file in HttpSampleFolder.LoadAll())
        {
            var variables = new HttpSampleVariables(file.Variables);
            foreach (var sample in file.Requests)
            {
                var path = new Uri(variables.Substitute(sample.Url)).AbsolutePath;
                if (routes.Match(sample.Method, path) is { } route)
                {
                    covered.Add(route);
                }
                else if (!ApiRoutes.IsDocumentation(path))
                {
                    unrouted.Add($"{sample}: {sample.Method} {path}");
                }
            }
        }

        var missing = routes.All.Where(r => !covered.Contains(r)).ToList();
        Assert.True(
            missing.Count == 0 && unrouted.Count == 0,
            $"operations without a sample in {HttpSampleFolder.Path}: [{string.Join(", ", missing)}]; "
            + $"samples that go to no operation: [{string.Join("; ", unrouted)}]");
        Assert.NotEmpty(routes.All);
    }

    [Fact]
    public async Task EverySample_AnswersAsItDocuments_FromTheRunningService()
    {
        var files = HttpSampleFolder.LoadAll();
        await using var targets = await SampleRecordingTargets.CreateAsync();
        using var service = await ServiceProcess.StartAsync(_data.Path);
        var api = service.Client;
        using var sender = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };

        var unavailable = new Dictionary<string, string>(targets.Unavailable);
        var variables = new Dictionary<string, string>(targets.Variables)
        {
            ["host"] = api.BaseAddress!.GetLeftPart(UriPartial.Authority),
            ["apiKey"] = SnoopApiFactory.ApiKey,
        };
        await AddImportedIdsAsync(api, variables);
        variables["cursor"] = await NextCursorAsync(api, "asc");
        variables["descCursor"] = await NextCursorAsync(api, "desc");
        // Issued before the first sample: exchanges.http, which uses it, runs first, well within its 60 s.
        variables["ticket"] = await StreamTicketAsync(api);
        string? recordingId = null;
        if (NetworkNamespaceFixture.SkipRequested)
        {
            unavailable["recordingId"] = unavailable[HttpSampleRunner.Recording] = "recording needs root (SNOOP_SKIP_PRIVILEGED=1 and this is not root)";
        }
        else
        {
            // What the stop sample stops: a live session on a port nothing uses.
            recordingId = (await api.StartAsync(new { host = true, filter = "tcp port 1" })).Id();
            variables["recordingId"] = recordingId;
        }

        var runner = new HttpSampleRunner(
            sender,
            api,
            ApiRoutes.FromOpenApi(await api.GetJsonAsync("/openapi/v1.json")),
            new Dictionary<string, string> { [Path.Combine(HttpSampleFolder.Path, "sample.pcap")] = Corpus.PathOf(UploadedCapture) },
            unavailable);

        // In file order; what deletes runs last, each on a session imported for it.
        var destructive = new List<(HttpSampleFile File, HttpSampleRequest Sample)>();
        foreach (var file in files)
        {
            foreach (var sample in file.Requests)
            {
                if (sample.Method == HttpMethod.Delete.Method)
                {
                    destructive.Add((file, sample));
                    continue;
                }

                await runner.RunAsync(file, sample, variables);
            }
        }

        foreach (var (file, sample) in destructive)
        {
            var own = new Dictionary<string, string>(variables);
            await AddImportedIdsAsync(api, own);
            await runner.RunAsync(file, sample, own);
        }

        if (recordingId is not null)
        {
            (await api.DeleteAsync($"/api/sessions/{recordingId}")).Dispose();
        }

        var total = files.Sum(f => f.Requests.Count);
        output.WriteLine($"{runner.Sent} of {total} samples in {files.Count} files sent to {variables["host"]}.");
        foreach (var line in runner.Log.Concat(runner.NotSent))
        {
            output.WriteLine(line);
        }

        Assert.True(runner.Failures.Count == 0, $"{runner.Failures.Count} of {runner.Sent} samples failed:\n{string.Join("\n", runner.Failures)}");
        Assert.Equal(total, runner.Sent + runner.NotSent.Count);
    }

    /// <summary>Imports <see cref="IdsCapture"/>: <c>sessionId</c> and <c>exchangeId</c>, an exchange with both bodies.</summary>
    private static async Task AddImportedIdsAsync(HttpClient api, Dictionary<string, string> variables)
    {
        var sessionId = (await api.ImportAsync(Corpus.PathOf(IdsCapture))).GetProperty("id").GetString()!;
        var withBodies = (await api.GetJsonAsync($"/api/exchanges?session={sessionId}")).Items()
            .First(e => e.GetProperty("requestBodySize").GetInt64() > 0 && e.GetProperty("responseBodySize").GetInt64() > 0);
        variables["sessionId"] = sessionId;
        variables["exchangeId"] = withBodies.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
    }

    private static async Task<string> StreamTicketAsync(HttpClient api)
    {
        using var response = await api.PostAsync("/api/exchanges/stream/tickets", null);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("ticket").GetString()!;
    }

    private static async Task<string> NextCursorAsync(HttpClient api, string order)
    {
        var page = await api.GetJsonAsync($"/api/exchanges?limit=1&order={order}");
        return page.GetProperty("nextCursor").GetString()
            ?? throw new InvalidOperationException($"no second page with order={order}: {page}");
    }
}
