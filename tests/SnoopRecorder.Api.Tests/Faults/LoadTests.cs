using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using SnoopRecorder.Api.Tests.Recording;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Api.Tests.Faults;

/// <summary>The real program under the load its users put on it: several recordings while many clients read.</summary>
public sealed class LoadTests(NamespaceServer server) : IClassFixture<NamespaceServer>, IDisposable
{
    private const int Sessions = 4;
    private const int Readers = 20;
    private static readonly TimeSpan LoadTime = TimeSpan.FromSeconds(8);

    private readonly TempDataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task FourRecordingsWhileTwentyClientsQueryAndDownload_NoRequestFailsAndEverySessionHasEveryExchange()
    {
        if (NetworkNamespaceFixture.SkipRequested)
        {
            return;
        }

        using var service = await ServiceProcess.StartAsync(_data.Path);
        var ids = new List<string>();
        for (var i = 0; i < Sessions; i++)
        {
            ids.Add((await service.Client.StartAsync(new
            {
                netns = server.Namespace.Name,
                @interface = NetworkNamespaceFixture.NamespaceInterface,
                filter = $"tcp port {NamespaceServer.Port}",
                name = $"load {i}",
            })).Id());
        }

        var errors = new ConcurrentQueue<string>();
        var reads = 0;
        using var stop = new CancellationTokenSource(LoadTime);
        var traffic = Task.Run(() => SendTrafficAsync(stop.Token));
        var readers = Enumerable.Range(0, Readers)
            .Select(reader => Task.Run(async () =>
            {
                using var client = new HttpClient { BaseAddress = service.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
                client.DefaultRequestHeaders.Authorization = service.Client.DefaultRequestHeaders.Authorization;
                for (var round = 0; !stop.IsCancellationRequested; round++)
                {
                    var id = ids[(reader + round) % ids.Count];
                    foreach (var url in ReaderUrls(id, round))
                    {
                        try
                        {
                            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                            // Downloads are read to their end: a stream that breaks off counts as a failure too.
                            await response.Content.CopyToAsync(Stream.Null);
                            if (!response.IsSuccessStatusCode)
                            {
                                errors.Enqueue($"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                            }

                            Interlocked.Increment(ref reads);
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                        {
                            errors.Enqueue($"GET {url}: {e.GetType().Name} {e.Message}");
                        }
                    }
                }
            }))
            .ToArray();

        var sent = await traffic;
        await Task.WhenAll(readers);
        var sessions = new List<System.Text.Json.JsonElement>();
        foreach (var id in ids)
        {
            sessions.Add(await service.Client.StopAsync(id));
        }

        Assert.True(errors.IsEmpty, $"{errors.Count} of {reads} reads failed, e.g.:\n{string.Join("\n", errors.Take(10))}");
        Assert.True(sent > 50, $"only {sent} requests were sent to the namespace's server");
        Assert.True(reads > Readers * 10, $"only {reads} reads were made");
        foreach (var session in sessions)
        {
            Assert.Equal("stopped", session.GetProperty("status").GetString());
            Assert.Equal(0, session.GetProperty("dropped").GetInt64());
            // Each of the four sessions saw every exchange of the load, whatever the readers did meanwhile.
            Assert.Equal(sent, session.GetProperty("exchanges").GetInt64());
        }
    }

    /// <summary>What a reader asks for: lists, a filtered page, the session, its pcap and HAR while it records.</summary>
    private static IEnumerable<string> ReaderUrls(string id, int round)
    {
        yield return "/api/sessions";
        yield return $"/api/sessions/{id}";
        yield return $"/api/exchanges?session={id}&status=2xx&order=desc&limit=50";
        yield return $"/api/exchanges?host=*.example.com&path=/api/*&method=GET,POST";
        if (round % 4 == 0)
        {
            yield return $"/api/sessions/{id}/pcap";
            yield return $"/api/sessions/{id}/har";
            yield return $"/api/exchanges/pcap?session={id}&path={NamespaceServer.HelloPath}";
        }
    }

    /// <summary>GETs the namespace's server until cancelled; returns how many answered 200.</summary>
    private async Task<long> SendTrafficAsync(CancellationToken cancellationToken)
    {
        long sent = 0;
        var clock = Stopwatch.StartNew();
        while (!cancellationToken.IsCancellationRequested)
        {
            var response = await server.Client.GetAsync(NamespaceServer.HelloPath, CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            sent++;
            // About 100 requests a second: load for the readers, not a benchmark of busybox.
            var due = TimeSpan.FromMilliseconds(sent * 10);
            if (clock.Elapsed < due)
            {
                await Task.Delay(due - clock.Elapsed, CancellationToken.None);
            }
        }

        return sent;
    }
}
