using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using SnoopRecorder.Api.Problems;

namespace SnoopRecorder.Api.Imports;

/// <summary>
/// Finds the capture in an import request without buffering it: the raw body for pcap/octet-stream, or the
/// <c>file</c> part of a multipart/form-data body, read section by section.
/// </summary>
internal static class UploadReader
{
    public const string FileField = "file";
    public const string PcapMediaType = "application/vnd.tcpdump.pcap";
    public const string PcapNgMediaType = "application/x-pcapng";
    public const string OctetStreamMediaType = "application/octet-stream";
    public const string MultipartMediaType = "multipart/form-data";

    // RFC 2046 §5.1.1 limits boundaries to 70 characters.
    private const int MaxBoundaryLength = 70;

    private static readonly string[] RawMediaTypes = [PcapMediaType, PcapNgMediaType, OctetStreamMediaType];

    public static async Task<CaptureUpload> OpenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || mediaType.MediaType.Value is not { } type)
        {
            throw Unsupported(request.ContentType);
        }

        if (RawMediaTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            return new CaptureUpload(request.Body, null);
        }

        if (!type.Equals(MultipartMediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw Unsupported(request.ContentType);
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > MaxBoundaryLength)
        {
            throw new RequestRefusedException(
                StatusCodes.Status400BadRequest,
                "Malformed multipart body",
                "the multipart/form-data Content-Type has no valid boundary parameter");
        }

        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                && string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, FileField, StringComparison.Ordinal))
            {
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value
                    ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                return new CaptureUpload(section.Body, string.IsNullOrEmpty(fileName) ? null : Path.GetFileName(fileName));
            }
        }

        throw new RequestRefusedException(
            StatusCodes.Status400BadRequest,
            "No file in the form",
            $"the multipart/form-data body has no field named '{FileField}': send the capture as the '{FileField}' field");
    }

    private static RequestRefusedException Unsupported(string? contentType) => new(
        StatusCodes.Status415UnsupportedMediaType,
        "Unsupported media type",
        $"Content-Type '{contentType ?? "(none)"}' is not accepted: send the capture as {PcapMediaType} or {OctetStreamMediaType}, " +
        $"or as the '{FileField}' field of {MultipartMediaType}");
}
