namespace SnoopRecorder.Api.Problems;

/// <summary>A request refused before anything was stored (an upload, a recording beyond the limits); becomes a problem
/// response with this status.</summary>
public sealed class RequestRefusedException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;
    public string Title { get; } = title;
}
