namespace SnoopRecorder.Api.Sessions;

/// <summary>
/// Streams the first <c>length</c> bytes of a capture file to the response without buffering it: for a session still
/// recording, that is every complete packet flushed so far, so the download is a well-formed capture while the file
/// keeps growing.
/// </summary>
internal sealed class CaptureDownloadResult(string path, long length, string contentType, string downloadName) : IResult
{
    private const int CopyBufferBytes = 1 << 16;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, useAsync: true);
        response.ContentType = contentType;
        response.ContentLength = length;
        response.Headers.ContentDisposition = $"attachment; filename=\"{downloadName}\"";

        var buffer = new byte[CopyBufferBytes];
        var remaining = length;
        while (remaining > 0)
        {
            var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
            if (read == 0)
            {
                // The file shrank under us (deleted with its session): end the response short, the client sees it.
                break;
            }

            await response.Body.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            remaining -= read;
        }
    }
}
