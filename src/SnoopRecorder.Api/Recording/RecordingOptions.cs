using System.ComponentModel.DataAnnotations;
using SnoopRecorder.Capture.Live;
using SnoopRecorder.Capture.Targets;

namespace SnoopRecorder.Api.Recording;

/// <summary>Live recording sessions (section <c>Snoop:Recording</c>).</summary>
public sealed class RecordingOptions : IValidatableObject
{
    public const string SectionName = "Snoop:Recording";

    /// <summary>Sessions recording at the same time; one more gets 429.</summary>
    [Range(1, 64)]
    public int MaxConcurrentSessions { get; set; } = 8;

    /// <summary>libpcap's kernel ring buffer per session (tcpdump's -B); a full ring drops packets in the kernel.</summary>
    [Range(1 << 20, 1 << 30)]
    public int CaptureBufferBytes { get; set; } = 32 << 20;

    /// <summary>
    /// The Docker engine to resolve containers and pods with: <c>unix:///var/run/docker.sock</c> or <c>tcp://...</c>.
    /// Empty: <c>DOCKER_HOST</c>, else the local socket.
    /// </summary>
    public string? DockerEndpoint { get; set; }

    /// <summary>The duration of a session whose request sets no <c>maxDurationSeconds</c>; 0 or empty: no default.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "Snoop:Recording:DefaultMaxDurationSeconds must be a number of seconds from 0 (no default) up")]
    public int? DefaultMaxDurationSeconds { get; set; } = 3_600;

    /// <summary>The capture size of a session whose request sets no <c>maxBytes</c>; 0 or empty: no default.</summary>
    [Range(0, long.MaxValue, ErrorMessage = "Snoop:Recording:DefaultMaxBytes must be a number of bytes from 0 (no default) up")]
    public long? DefaultMaxBytes { get; set; } = 1L << 30;

    /// <summary>The largest <c>maxDurationSeconds</c> a request may ask for; more is 400.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Snoop:Recording:MaxDurationSecondsLimit must be a number of seconds from {1} up")]
    public int MaxDurationSecondsLimit { get; set; } = 86_400;

    /// <summary>The largest <c>maxBytes</c> a request may ask for; more is 400.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "Snoop:Recording:MaxBytesLimit must be a number of bytes from {1} up")]
    public long MaxBytesLimit { get; set; } = 64L << 30;

    /// <summary>
    /// The limits a session records under: those of its request, else the configured defaults (a default of 0 is
    /// none). Requests above the ceilings are refused before this (<see cref="StartRecordingRequestValidator"/>).
    /// </summary>
    public RecordingLimits LimitsFor(StartRecordingRequest request)
    {
        var seconds = request.MaxDurationSeconds ?? NoneIfZero(DefaultMaxDurationSeconds);
        return new RecordingLimits(
            seconds is { } duration ? TimeSpan.FromSeconds(duration) : null,
            request.MaxPackets,
            request.MaxBytes ?? NoneIfZero(DefaultMaxBytes));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DefaultMaxDurationSeconds > MaxDurationSecondsLimit)
        {
            yield return new ValidationResult(
                $"Snoop:Recording:DefaultMaxDurationSeconds ({DefaultMaxDurationSeconds}) is above Snoop:Recording:MaxDurationSecondsLimit ({MaxDurationSecondsLimit}): lower the default or raise the ceiling",
                [nameof(DefaultMaxDurationSeconds)]);
        }

        if (DefaultMaxBytes > MaxBytesLimit)
        {
            yield return new ValidationResult(
                $"Snoop:Recording:DefaultMaxBytes ({DefaultMaxBytes}) is above Snoop:Recording:MaxBytesLimit ({MaxBytesLimit}): lower the default or raise the ceiling",
                [nameof(DefaultMaxBytes)]);
        }

        string? error = null;
        try
        {
            Capture.Targets.DockerEndpoint.Choose(DockerEndpoint);
        }
        catch (ArgumentException e)
        {
            error = e.Message;
        }

        if (error is not null)
        {
            yield return new ValidationResult($"Snoop:Recording:DockerEndpoint (or DOCKER_HOST): {error}", [nameof(DockerEndpoint)]);
        }
    }

    public LiveCaptureOptions CaptureOptions(string interfaceName, string? filter, int snapLength) => new()
    {
        Interface = interfaceName,
        Filter = filter,
        SnapLength = snapLength,
        KernelBufferBytes = CaptureBufferBytes,
    };

    private static long? NoneIfZero(long? value) => value is > 0 ? value : null;
}
