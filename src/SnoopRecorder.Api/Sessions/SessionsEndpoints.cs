using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Exchanges;
using SnoopRecorder.Api.Imports;
using SnoopRecorder.Api.Problems;
using SnoopRecorder.Api.Recording;
using SnoopRecorder.Capture.Export.Reassembled;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Sessions;

/// <summary><c>/api/sessions</c>: live recordings and imported captures.</summary>
public static class SessionsEndpoints
{
    public const string Tag = "Sessions";
    public const string GetSessionRoute = "GetSession";

    /// <summary>The most sessions one list returns.</summary>
    public const int MaxListed = 1_000;

    private const string PcapContentType = "application/vnd.tcpdump.pcap";
    private const string PcapngContentType = "application/x-pcapng";

    public static IEndpointRouteBuilder MapSessionsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/sessions").WithTags(Tag);
        group.MapGet("/", ListSessions).WithName("ListSessions").WithSummary("Lists sessions, newest first.");
        group.MapPost("/", StartRecording)
            .WithName("StartRecording")
            .WithSummary("Starts recording a container, pod, process, named network namespace or the host.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status507InsufficientStorage);
        group.MapGet("/{id}", GetSession)
            .WithName(GetSessionRoute)
            .WithSummary("Gets one session with its status and counters.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/stop", StopSession)
            .WithName("StopSession")
            .WithSummary("Stops a recording session; what it recorded stays.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id}", DeleteSession)
            .WithName("DeleteSession")
            .WithSummary("Deletes a session with its exchanges and capture file (stopping it first if it records).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/pcap", DownloadCapture)
            .WithName("DownloadSessionCapture")
            .WithSummary("Downloads the session's capture file, also while it records (every complete packet so far); "
                + "with mode=reassembled, rebuilt from its reassembled TCP streams as a pcapng file.")
            .Produces<Stream>(StatusCodes.Status200OK, PcapContentType, PcapngContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        return endpoints;
    }

    public static string LocationOf(string id) => $"/api/sessions/{Uri.EscapeDataString(id)}";

    internal static Ok<SessionListResponse> ListSessions(SessionRepository sessions) =>
        TypedResults.Ok(new SessionListResponse([.. sessions.List(MaxListed).Select(SessionResponse.From)]));

    internal static Results<Ok<SessionResponse>, ProblemHttpResult> GetSession(string id, SessionRepository sessions) =>
        sessions.Get(id) is { } session
            ? TypedResults.Ok(SessionResponse.From(session))
            : ApiProblems.NotFound("Session", id);

    internal static async Task<Results<Created<SessionResponse>, ValidationProblem>> StartRecording(
        [FromBody] StartRecordingRequest request, Recorder recorder, IOptions<RecordingOptions> options, CancellationToken cancellationToken)
    {
        var errors = StartRecordingRequestValidator.Validate(request, options.Value);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: string.Join("; ", errors.Values.SelectMany(v => v)));
        }

        var session = await recorder.StartAsync(request, cancellationToken);
        return TypedResults.Created(LocationOf(session.Id), SessionResponse.From(session));
    }

    internal static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> StopSession(
        string id, Recorder recorder, SessionRepository sessions)
    {
        var session = sessions.Get(id);
        if (session is null)
        {
            return ApiProblems.NotFound("Session", id);
        }

        if (session.Kind != SessionKind.Live)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Not a live session",
                detail: $"session '{id}' is an import: only live sessions record and can be stopped");
        }

        // A session that ended already answers with its final state.
        return await recorder.StopAsync(id) is { } stopped
            ? TypedResults.Ok(SessionResponse.From(stopped))
            : ApiProblems.NotFound("Session", id);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteSession(string id, Recorder recorder) =>
        await recorder.DeleteAsync(id) ? TypedResults.NoContent() : ApiProblems.NotFound("Session", id);

    internal static Results<CaptureDownloadResult, ExchangeCaptureResult, ProblemHttpResult> DownloadCapture(
        string id, [FromQuery(Name = "mode")] string? mode, SessionRepository sessions, Recorder recorder, CaptureStore store, HttpContext httpContext)
    {
        if (!ExchangeCaptureEndpoints.TryParseMode(mode, out var exportMode, out var invalid))
        {
            return invalid;
        }

        var session = sessions.Get(id);
        if (session is { PacketsStored: false })
        {
            return UnkeptCapture.Gone(id);
        }

        if (session?.CaptureFile is not { } captureFile)
        {
            return ApiProblems.NotFound("Session", id);
        }

        var path = store.PathOf(captureFile);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Capture file missing",
                detail: $"session '{id}' has no capture file any more ({captureFile})");
        }

        var baseName = string.IsNullOrWhiteSpace(session.Name) ? "session" : SafeFileName(session.Name);
        if (exportMode == CaptureExportMode.Reassembled)
        {
            // Read through libpcap, which stops at a record still being written.
            return ExchangeCapturePlan.ReassembledSession(path, session, $"{baseName}-{id}-reassembled.pcapng", httpContext);
        }

        // While recording, only what is flushed is whole; afterwards the file is complete.
        var length = recorder.Find(id) is { } recording ? recording.FlushedCaptureBytes : file.Length;
        var format = session.CaptureFormat ?? Recorder.PcapFormat;
        var downloadName = $"{baseName}-{id}.{format}";
        return new CaptureDownloadResult(path, length, format == Recorder.PcapFormat ? PcapContentType : PcapngContentType, downloadName);
    }

    private static string SafeFileName(string name) =>
        new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').Take(80)]);
}
