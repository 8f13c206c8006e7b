namespace SnoopRecorder.Api.Problems;

/// <summary>An upload refused before anything was stored; becomes a problem response with this status.</summary>
public sealed class UploadRejectedException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;
    public string Title { get; } = title;
}
