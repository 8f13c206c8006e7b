using System.Net;
using System.Text;
using System.Text.Json;

namespace SnoopRecorder.Api.Tests.Samples;

/// <summary>
/// Sends samples to a running service and judges each answer: a 2xx or 3xx, or exactly the status of its
/// <c># @expect</c> (a problem+json when it is an error). A <c>text/event-stream</c> answer never ends: only its headers
/// are read. Live sessions that recording samples start are stopped and deleted at once. Samples that need what this
/// machine lacks (see <paramref name="unavailable"/>) are not sent and are listed with the reason.
/// </summary>
/// <param name="sender">Sends the samples; it must not follow redirects, so that a 3xx is seen as such.</param>
/// <param name="api">The same service, for the runner's own housekeeping.</param>
/// <param name="routes">The service's operations, to recognise recording samples.</param>
/// <param name="files">Full paths of <c>&lt; path</c> references to the files to send instead.</param>
/// <param name="unavailable">Variables without a real value here, with the reason; and <see cref="Recording"/> when
/// live recording itself is not possible.</param>
internal sealed class HttpSampleRunner(
    HttpClient sender,
    HttpClient api,
    ApiRoutes routes,
    IReadOnlyDictionary<string, string> files,
    IReadOnlyDictionary<string, string> unavailable)
{
    /// <summary>The key of <c>unavailable</c> that stops every sample that starts a live session.</summary>
    public const string Recording = "(recording)";

    private const int ShownBodyChars = 1500;
    private static readonly ApiRoute StartRecording = new("POST", "/api/sessions");
    private static readonly TimeSpan BodyTimeout = TimeSpan.FromSeconds(60);

    public List<string> Failures { get; } = [];

    public List<string> NotSent { get; } = [];

    public int Sent { get; private set; }

    /// <summary>One line per sample sent: its status, where it is and what it asked.</summary>
    public List<string> Log { get; } = [];

    public async Task RunAsync(HttpSampleFile file, HttpSampleRequest sample, IReadOnlyDictionary<string, string> overrides)
    {
        var variables = new HttpSampleVariables(file.Variables, overrides);
        ResolvedHttpSample resolved;
        try
        {
            resolved = ResolvedHttpSample.Resolve(sample, variables, reference => ReadFile(file, reference));
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            Failures.Add($"{sample}: {e.Message}");
            return;
        }

        var route = routes.Match(sample.Method, resolved.Uri.AbsolutePath);
        var starts = route == StartRecording && sample.ExpectedStatus is null or < 300;
        if (WhyNotSent(sample, variables, starts) is { } why)
        {
            NotSent.Add($"{sample}: {why}");
            return;
        }

        Sent++;
        using var message = resolved.CreateMessage();
        HttpResponseMessage response;
        byte[] body = [];
        try
        {
            response = await sender.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Failures.Add($"{resolved}: no answer: {e.Message}");
            return;
        }

        using var answered = response;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType != "text/event-stream")
        {
            using var timeout = new CancellationTokenSource(BodyTimeout);
            try
            {
                body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                Failures.Add($"{resolved}: {(int)response.StatusCode}, but its body broke off: {e.Message}");
                return;
            }
        }

        Log.Add($"{(int)response.StatusCode} {mediaType ?? "-"} {body.Length} bytes  {resolved}");
        if (Judge(sample, response.StatusCode, mediaType) is { } wrong)
        {
            Failures.Add($"{resolved}: {wrong}: {Shown(body)}");
        }
        else if (starts && response.StatusCode == HttpStatusCode.Created)
        {
            await RemoveLiveSessionAsync(resolved, body);
        }
    }

    private string? WhyNotSent(HttpSampleRequest sample, HttpSampleVariables variables, bool startsRecording)
    {
        var missing = sample.Texts.SelectMany(variables.ReferencesOf).Distinct()
            .Where(unavailable.ContainsKey)
            .Select(name => $"'{{{{{name}}}}}': {unavailable[name]}")
            .ToList();
        if (startsRecording && unavailable.TryGetValue(Recording, out var why))
        {
            missing.Add(why);
        }

        return missing.Count > 0 ? "not sent, " + string.Join("; ", missing) : null;
    }

    private static string? Judge(HttpSampleRequest sample, HttpStatusCode status, string? mediaType)
    {
        var code = (int)status;
        if (sample.ExpectedStatus is not { } expected)
        {
            return code is >= 200 and < 400 ? null : $"{code} {status}, expected a 2xx or 3xx (or mark the sample '# @expect {code}')";
        }

        if (code != expected)
        {
            return $"{code} {status}, expected {expected} ('# @expect {expected}')";
        }

        return expected >= 400 && mediaType != "application/problem+json"
            ? $"{code} as expected but as {mediaType ?? "no content type"}, not application/problem+json"
            : null;
    }

    /// <summary>A recording sample succeeded: its session is stopped and deleted, so none outlives the sample.</summary>
    private async Task RemoveLiveSessionAsync(ResolvedHttpSample resolved, byte[] body)
    {
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString();
        using var stop = await api.PostAsync($"/api/sessions/{id}/stop", null);
        using var delete = await api.DeleteAsync($"/api/sessions/{id}");
        if (stop.StatusCode != HttpStatusCode.OK || delete.StatusCode != HttpStatusCode.NoContent)
        {
            Failures.Add($"{resolved}: recorded, but stopping and deleting session {id} answered "
                + $"{(int)stop.StatusCode} {await stop.Content.ReadAsStringAsync()} and {(int)delete.StatusCode} {await delete.Content.ReadAsStringAsync()}");
        }
    }

    private byte[] ReadFile(HttpSampleFile file, string reference)
    {
        var path = file.FullPathOf(reference);
        if (files.TryGetValue(path, out var mapped))
        {
            return File.ReadAllBytes(mapped);
        }

        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new IOException($"'< {reference}' refers to {path}, which does not exist and the samples test does not map");
    }

    private static string Shown(byte[] body)
    {
        if (body.Length == 0)
        {
            return "(empty body)";
        }

        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, ShownBodyChars));
        return body.Length > ShownBodyChars ? text + $"… ({body.Length} bytes)" : text;
    }
}
