namespace SnoopRecorder.Capture.Targets;

/// <summary>A running container resolved through the Docker engine: its full id, its name (no leading '/') and the
/// host PID of its init process, whose network namespace is the container's.</summary>
public sealed record ContainerTarget(string Id, string Name, int Pid);
