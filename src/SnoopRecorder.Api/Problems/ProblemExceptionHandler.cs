using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SnoopRecorder.Api.Hosting;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.Capture.Targets;

namespace SnoopRecorder.Api.Problems;

/// <summary>The one place where exceptions become problem responses (RFC 7807).</summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            return true;
        }

        var (status, title, detail) = exception switch
        {
            RequestRefusedException e => (e.StatusCode, e.Title, e.Message),
            TargetException e => TargetProblems.Describe(e),
            InvalidCaptureFileException e => (StatusCodes.Status422UnprocessableEntity, "Not a readable capture file", e.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (
                StatusCodes.Status413PayloadTooLarge,
                "Upload too large",
                "the request body is larger than this service accepts (Snoop:MaxImportBytes)"),
            // Binding failures (ThrowOnBadRequest): the JSON reader's message names the field or position at fault.
            BadHttpRequestException { InnerException: JsonException json } e => (e.StatusCode, "Bad request", $"{e.Message} {json.Message}"),
            BadHttpRequestException e => (e.StatusCode, "Bad request", e.Message),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "the service failed to handle this request; the service log has the details"),
        };

        // A refusal the service chose (507 data quota, 503 stopping, 503 Docker engine unreachable) is no failure of
        // its own: not logged as one.
        if (status >= StatusCodes.Status500InternalServerError && exception is not (RequestRefusedException or TargetException))
        {
            Log.UnhandledException(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }
        else
        {
            Log.UploadRejected(logger, status, detail);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.UploadRejected, Level = LogLevel.Debug, Message = "Request refused with {Status}: {Detail}")]
        public static partial void UploadRejected(ILogger logger, int status, string detail);

        [LoggerMessage(EventId = EventIds.UnhandledException, Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
        public static partial void UnhandledException(ILogger logger, string method, PathString path, Exception exception);
    }
}
