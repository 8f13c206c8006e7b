using System.Buffers;
using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Problems;
using SnoopRecorder.Api.Sessions;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Imports;

/// <summary>
/// Judges an upload from its first bytes, streams it to the session's capture file and creates the session
/// (<c>analyzing</c>). Nothing is stored when the upload is refused or breaks off.
/// </summary>
public sealed class ImportService(
    CaptureStore store,
    SessionRepository sessions,
    TimeProvider timeProvider,
    IOptions<ImportOptions> options)
{
    // Large enough that copying a multi-gigabyte capture is a few thousand reads, not hundreds of thousands.
    private const int CopyBufferBytes = 1 << 20;
    private const byte GzipMagic0 = 0x1F;
    private const byte GzipMagic1 = 0x8B;

    public long MaxImportBytes => options.Value.MaxImportBytes;

    public async Task<SessionRecord> StoreAsync(CaptureUpload upload, string? name, CancellationToken cancellationToken)
    {
        var magic = new byte[CaptureFileFormat.MagicLength];
        var read = await upload.Content.ReadAtLeastAsync(magic, magic.Length, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
        {
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, "Empty upload", "the body is empty: send a pcap or pcapng file");
        }

        var format = CaptureFileFormat.Sniff(magic.AsSpan(0, read)) ?? throw NotACapture(magic.AsSpan(0, read));
        var id = SessionIds.New();
        var fileName = store.FileNameFor(id, format);
        try
        {
            await using var file = store.Create(fileName);
            await file.WriteAsync(magic.AsMemory(0, read), cancellationToken);
            await CopyAsync(upload.Content, file, MaxImportBytes - read, cancellationToken);
        }
        catch
        {
            store.Delete(fileName);
            throw;
        }

        var session = new SessionRecord
        {
            Id = id,
            Kind = SessionKind.Import,
            Status = SessionStatus.Analyzing,
            Name = string.IsNullOrWhiteSpace(name) ? upload.FileName : name.Trim(),
            CreatedAtMs = timeProvider.GetUtcNow().ToUnixTimeMilliseconds(),
            CaptureFile = fileName,
            CaptureFormat = format,
        };
        try
        {
            sessions.Insert(session);
        }
        catch
        {
            store.Delete(fileName);
            throw;
        }

        return session;
    }

    public UploadRejectedException TooLarge() => new(
        StatusCodes.Status413PayloadTooLarge,
        "Upload too large",
        $"the upload is larger than the {MaxImportBytes} bytes this service accepts (Snoop:MaxImportBytes)");

    private async Task CopyAsync(Stream source, FileStream destination, long remaining, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                remaining -= read;
                if (remaining < 0)
                {
                    throw TooLarge();
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static UploadRejectedException NotACapture(ReadOnlySpan<byte> first)
    {
        var printable = new string([.. first.ToArray().Select(b => b is >= 0x20 and < 0x7F ? (char)b : '.')]);
        var what = first.Length < CaptureFileFormat.MagicLength
            ? $"the body is only {first.Length} byte(s) long ({Convert.ToHexString(first)})"
            : first[0] == GzipMagic0 && first[1] == GzipMagic1
                ? $"the body is gzip-compressed ({Convert.ToHexString(first)}): decompress it (gunzip) and upload the capture inside"
                : $"the body starts with {Convert.ToHexString(first)} (\"{printable}\")";
        return new UploadRejectedException(
            StatusCodes.Status422UnprocessableEntity,
            "Not a capture file",
            $"{what}, which is not a capture file: a pcap file starts with A1B2C3D4 or A1B23C4D (either byte order), " +
            "a pcapng file with 0A0D0D0A");
    }
}
