using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Problems;
using SnoopRecorder.Api.Retention;
using SnoopRecorder.Api.Sessions;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Imports;

/// <summary><c>/api/imports</c>: upload a pcap or pcapng file to analyse as a new session.</summary>
public static class ImportsEndpoints
{
    public const string Tag = "Imports";

    /// <summary>Room for multipart boundaries and part headers on top of <see cref="ImportOptions.MaxImportBytes"/>.</summary>
    public const long MultipartAllowanceBytes = 64 * 1024;

    /// <summary>What <c>redact</c> and <c>storePackets</c> accept, for their problems.</summary>
    public const string BooleanAccepted = "true or false (the default is true)";

    /// <summary>The <c>Retry-After</c> of a 429 for a full import queue: a few analyses' time, to be polled again.</summary>
    public const int QueueFullRetryAfterSeconds = 10;

    public static IEndpointRouteBuilder MapImportsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/imports").WithTags(Tag)
            .MapPost("/", CreateImport)
            .WithName("CreateImport")
            .WithSummary("Imports a pcap/pcapng file (raw body or multipart field 'file') as a new session and analyses it; "
                + "redact=false stores secret header values as captured, storePackets=false deletes the file once analysed.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status507InsufficientStorage);
        return endpoints;
    }

    /// <summary>
    /// The request body is read by <see cref="UploadReader"/>, not bound: declaring accepted content types here would let
    /// routing answer 415 itself, without a detail saying what to send.
    /// Streams the upload to disk, queues its analysis and waits up to <c>Snoop:ImportWaitSeconds</c>: 201 with the
    /// finished session, or 202 with the session still analysing. Refusals are thrown and become problems.
    /// </summary>
    internal static async Task<Results<Created<SessionResponse>, Accepted<SessionResponse>, ProblemHttpResult>> CreateImport(
        HttpContext context,
        string? name,
        [Description("false: store Authorization, Cookie, Set-Cookie and the configured secret headers as captured (default true: redacted)")] string? redact,
        [Description("false: delete the uploaded capture once analysed, so the session has no pcap download (default true)")] string? storePackets,
        ImportService imports,
        DataQuota quota,
        ImportQueue queue,
        SessionRepository sessions,
        IOptions<ImportOptions> options,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var bodyLimit = imports.MaxImportBytes + MultipartAllowanceBytes;
        if (context.Request.ContentLength > bodyLimit)
        {
            throw imports.TooLarge();
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = bodyLimit;
        }

        // Checked before the upload is read: a refused parameter stores nothing.
        if (!TryParseFlag("redact", redact, out var redacting, out var problem)
            || !TryParseFlag("storePackets", storePackets, out var storingPackets, out problem))
        {
            return problem;
        }

        // Near the quota, or an upload that would not fit (multipart framing counted too): 507 before anything is read.
        quota.EnsureRoomForNewSession(context.Request.ContentLength);
        // A place in the queue, held while the upload is read: 429 before anything is read when none is left.
        using var slot = queue.TryReserve();
        if (slot is null)
        {
            return QueueFull(context.Response, queue, options.Value);
        }

        var upload = await UploadReader.OpenAsync(context.Request, cancellationToken);
        var session = await imports.StoreAsync(upload, name, new SessionPrivacy(redacting, storingPackets), cancellationToken);
        var job = slot.Enqueue(session.Id, session.CaptureFile!);
        var location = SessionsEndpoints.LocationOf(session.Id);
        try
        {
            var outcome = await job.Completion.WaitAsync(TimeSpan.FromSeconds(options.Value.ImportWaitSeconds), timeProvider, cancellationToken);
            if (outcome.Rejected)
            {
                throw new InvalidCaptureFileException(outcome.RejectedBecause!);
            }

            return TypedResults.Created(location, SessionResponse.From(outcome.Session ?? sessions.Get(session.Id) ?? session));
        }
        catch (TimeoutException)
        {
            return TypedResults.Accepted(location, SessionResponse.From(sessions.Get(session.Id) ?? session));
        }
    }

    private static ProblemHttpResult QueueFull(HttpResponse response, ImportQueue queue, ImportOptions options)
    {
        return ApiProblems.TooManyRequests(
            response,
            QueueFullRetryAfterSeconds,
            title: "Too many imports waiting",
            detail: $"{queue.Waiting} import(s) are waiting for analysis, the most this service queues (Snoop:MaxQueuedImports = {queue.Limit}), "
                + $"behind the {options.MaxConcurrentImports} it analyses at once (Snoop:MaxConcurrentImports): nothing of this upload was read; "
                + $"send it again in {QueueFullRetryAfterSeconds} s or once some of them have finished (their sessions are no longer "
                + "'analyzing' in GET /api/sessions), or raise Snoop:MaxQueuedImports");
    }

    private static bool TryParseFlag(string parameter, string? text, out bool value, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        value = true;
        problem = text is null || bool.TryParse(text, out value) ? null : ApiProblems.InvalidParameter(parameter, text, BooleanAccepted);
        return problem is null;
    }
}
