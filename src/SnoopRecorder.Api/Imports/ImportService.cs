using System.Buffers;
using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Problems;
using SnoopRecorder.Api.Retention;
using SnoopRecorder.Api.Sessions;
using SnoopRecorder.Capture.Files;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Imports;

/// <summary>
/// Judges an upload from its first bytes, streams it to the session's capture file and creates the session
/// (<c>analyzing</c>). Nothing is stored when the upload is refused or breaks off, or would not fit in the data quota.
/// </summary>
public sealed class ImportService(
    CaptureStore store,
    SessionRepository sessions,
    DataQuota quota,
    DataUsage usage,
    TimeProvider timeProvider,
    IOptions<ImportOptions> options)
{
    // Large enough that copying a multi-gigabyte capture is a few thousand reads, not hundreds of thousands.
    private const int CopyBufferBytes = 1 << 20;
    private const byte GzipMagic0 = 0x1F;
    private const byte GzipMagic1 = 0x8B;

    public long MaxImportBytes => options.Value.MaxImportBytes;

    /// <summary>
    /// Stores an upload of any length; one whose size was declared is checked against the data quota by the caller
    /// first (<see cref="DataQuota.EnsureRoomForNewSession"/>). Reading stops, and nothing is kept, once the upload
    /// passes what the quota leaves.
    /// </summary>
    public async Task<SessionRecord> StoreAsync(CaptureUpload upload, string? name, SessionPrivacy privacy, CancellationToken cancellationToken)
    {
        quota.EnsureRoomForNewSession();
        var room = quota.Room ?? long.MaxValue;
        var magic = new byte[CaptureFileFormat.MagicLength];
        var read = await upload.Content.ReadAtLeastAsync(magic, magic.Length, throwOnEndOfStream: false, cancellationToken);
        var format = Judge(magic.AsSpan(0, read));
        return await RegisterAsync(format, string.IsNullOrWhiteSpace(name) ? upload.FileName : name, privacy, async file =>
        {
            await file.WriteAsync(magic.AsMemory(0, read), cancellationToken);
            await CopyAsync(upload.Content, file, read, room, cancellationToken);
        });
    }

    /// <summary>
    /// The same for a file on this machine (the <c>import</c> command): the copy is <see cref="File.Copy(string, string, bool)"/>,
    /// which the kernel does without passing the bytes through the process (copy_file_range), a quarter of a second
    /// saved per 250 MB.
    /// </summary>
    public async Task<SessionRecord> StoreFileAsync(string path, string? name, SessionPrivacy privacy, CancellationToken cancellationToken)
    {
        var magic = new byte[CaptureFileFormat.MagicLength];
        int read;
        await using (var source = File.OpenRead(path))
        {
            if (source.Length > MaxImportBytes)
            {
                throw TooLarge();
            }

            quota.EnsureRoomForNewSession(source.Length);

            read = await source.ReadAtLeastAsync(magic, magic.Length, throwOnEndOfStream: false, cancellationToken);
        }

        var format = Judge(magic.AsSpan(0, read));
        return await RegisterAsync(format, string.IsNullOrWhiteSpace(name) ? Path.GetFileName(path) : name, privacy, file =>
        {
            // The empty file made by RegisterAsync reserved the name; the kernel's copy takes its place.
            file.Dispose();
            File.Copy(path, file.Name, overwrite: true);
            return Task.CompletedTask;
        });
    }

    private static string Judge(ReadOnlySpan<byte> first)
    {
        if (first.IsEmpty)
        {
            throw new RequestRefusedException(StatusCodes.Status400BadRequest, "Empty upload", "the body is empty: send a pcap or pcapng file");
        }

        return CaptureFileFormat.Sniff(first) ?? throw NotACapture(first);
    }

    /// <summary>Fills the new session's capture file, then creates the session; nothing is left behind on failure.</summary>
    private async Task<SessionRecord> RegisterAsync(string format, string? name, SessionPrivacy privacy, Func<FileStream, Task> fill)
    {
        var id = SessionIds.New();
        var fileName = store.FileNameFor(id, format);
        try
        {
            await using var file = store.Create(fileName);
            await fill(file);
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
            Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
            CreatedAtMs = timeProvider.GetUtcNow().ToUnixTimeMilliseconds(),
            CaptureFile = fileName,
            CaptureFormat = format,
            Redacted = privacy.Redact,
            PacketsStored = privacy.StorePackets,
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

        // The next quota check counts this capture, even within the second a measurement is reused.
        usage.Invalidate();
        return session;
    }

    public RequestRefusedException TooLarge() => new(
        StatusCodes.Status413PayloadTooLarge,
        "Upload too large",
        $"the upload is larger than the {MaxImportBytes} bytes this service accepts (Snoop:MaxImportBytes)");

    /// <summary>Copies the rest of an upload of which <paramref name="copied"/> bytes are written already.</summary>
    private async Task CopyAsync(Stream source, FileStream destination, long copied, long room, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                copied += read;
                if (copied > MaxImportBytes)
                {
                    throw TooLarge();
                }

                if (copied > room)
                {
                    throw quota.UploadPassedRoom(copied);
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static RequestRefusedException NotACapture(ReadOnlySpan<byte> first)
    {
        var printable = new string([.. first.ToArray().Select(b => b is >= 0x20 and < 0x7F ? (char)b : '.')]);
        var what = first.Length < CaptureFileFormat.MagicLength
            ? $"the body is only {first.Length} byte(s) long ({Convert.ToHexString(first)})"
            : first[0] == GzipMagic0 && first[1] == GzipMagic1
                ? $"the body is gzip-compressed ({Convert.ToHexString(first)}): decompress it (gunzip) and upload the capture inside"
                : $"the body starts with {Convert.ToHexString(first)} (\"{printable}\")";
        return new RequestRefusedException(
            StatusCodes.Status422UnprocessableEntity,
            "Not a capture file",
            $"{what}, which is not a capture file: a pcap file starts with A1B2C3D4 or A1B23C4D (either byte order), " +
            "a pcapng file with 0A0D0D0A");
    }
}
