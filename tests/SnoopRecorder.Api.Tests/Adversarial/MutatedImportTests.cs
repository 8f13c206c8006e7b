using System.Net;
using System.Text;
using System.Text.Json;
using SnoopRecorder.TestSupport.Fuzzing;
using Xunit.Abstractions;

namespace SnoopRecorder.Api.Tests.Adversarial;

/// <summary>
/// A sample of the capture fuzz run's mutants (every 50th iteration of the same seed, so the same inputs) imported
/// through the real API, storage included: each import is created and ends <c>completed</c> or <c>failed</c> at a
/// damaged record, or is refused with a 422 problem; none crashes the analysis or the storing. Then everything the
/// service can say about what it stored — the session, its exchanges, their details, bodies as stored and decoded,
/// transcripts, HAR and pcap exports — answers without a server error.
/// </summary>
public sealed class MutatedImportTests(ITestOutputHelper output) : IDisposable
{
    private const int Stride = 50;
    private const int ExchangesServedPerSession = 5;
    private const string Crashed = "the analysis failed unexpectedly";

    private readonly SnoopApiFactory _factory = new();

    [Fact]
    public async Task SampledMutants_ImportWithoutCrashing_AndEverythingStoredIsServed()
    {
        var seed = FuzzSettings.Seed;
        var iterations = FuzzSettings.Iterations;
        var mutator = new CaptureMutator(SeedCaptures.Load(Corpus.PathOf));
        using var client = _factory.CreateClient();
        var outcomes = new Dictionary<string, int>();
        var failures = new List<string>();
        var requests = 0;
        for (var iteration = 0; iteration < iterations && failures.Count < 10; iteration += Stride)
        {
            var mutant = mutator.Mutate(FuzzSettings.ForIteration(seed, iteration));
            var problems = new List<string>();
            var response = await client.PostRawAsync(mutant.Bytes);
            var body = await response.Content.ReadAsStringAsync();
            string outcome;
            if (response.StatusCode == HttpStatusCode.UnprocessableEntity && response.Content.Headers.ContentType?.MediaType == "application/problem+json")
            {
                outcome = "refused";
            }
            else if (response.StatusCode == HttpStatusCode.Created)
            {
                var session = JsonDocument.Parse(body).RootElement;
                outcome = session.GetProperty("status").GetString()!;
                var error = session.GetProperty("error").GetString();
                if (outcome is not ("completed" or "failed") || error?.StartsWith(Crashed, StringComparison.Ordinal) == true)
                {
                    problems.Add($"session {outcome}: {error}");
                }

                requests += await ServeAsync(client, session.GetProperty("id").GetString()!, problems);
            }
            else
            {
                outcome = $"HTTP {(int)response.StatusCode}";
                problems.Add($"import answered {(int)response.StatusCode}: {body}");
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            if (problems.Count > 0)
            {
                failures.Add(Keep(seed, iteration, mutant, problems));
            }
        }

        output.WriteLine($"seed {seed}, every {Stride}th of {iterations} iterations: "
            + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")) + $"; {requests} reads served");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>Reads back everything about the session's first exchanges; returns the number of requests made.</summary>
    private static async Task<int> ServeAsync(HttpClient client, string session, List<string> problems)
    {
        var urls = new List<string> { $"/api/sessions/{session}", $"/api/sessions/{session}/har", $"/api/sessions/{session}/pcap" };
        var list = await client.GetAsync($"/api/exchanges?session={session}&limit=1000");
        Expect(list, problems, HttpStatusCode.OK);
        var exchanges = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("items");
        foreach (var exchange in exchanges.EnumerateArray().Take(ExchangesServedPerSession))
        {
            var id = exchange.GetProperty("id").GetInt64();
            urls.AddRange([
                $"/api/exchanges/{id}", $"/api/exchanges/{id}/transcript", $"/api/exchanges/{id}/pcap",
                $"/api/exchanges/{id}/request/body", $"/api/exchanges/{id}/response/body",
                $"/api/exchanges/{id}/request/body?decode=true", $"/api/exchanges/{id}/response/body?decode=true",
            ]);
        }

        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();

            // decode=true on a coding the service does not undo is a 422 by design.
            Expect(response, problems, HttpStatusCode.OK, url.EndsWith("decode=true", StringComparison.Ordinal) ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.OK);
        }

        var delete = await client.DeleteAsync($"/api/sessions/{session}");
        Expect(delete, problems, HttpStatusCode.NoContent);
        return urls.Count + 2;
    }

    private static void Expect(HttpResponseMessage response, List<string> problems, params HttpStatusCode[] expected)
    {
        if (!expected.Contains(response.StatusCode))
        {
            problems.Add($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode}");
        }
    }

    private string Keep(int seed, int iteration, FuzzInput mutant, List<string> problems)
    {
        var extension = mutant.Origin.Contains(".pcapng", StringComparison.Ordinal) ? "pcapng" : "pcap";
        var path = Path.Combine(Path.GetTempPath(), $"snoop-fuzz-api-{seed}-{iteration}.{extension}");
        File.WriteAllBytes(path, mutant.Bytes);
        var message = new StringBuilder($"iteration {iteration} of seed {seed} ({FuzzSettings.SeedVariable}), mutant of {mutant.Origin} ")
            .Append($"({mutant.Description}), saved as {path}: ").AppendJoin("; ", problems).ToString();
        output.WriteLine(message);
        return message;
    }
}
