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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
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
}
