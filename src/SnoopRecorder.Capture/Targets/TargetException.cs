namespace SnoopRecorder.Capture.Targets;

/// <summary>
/// A recording target that cannot be recorded, with a message a person can act on (it names the container, the
/// socket tried or the capability missing). Thrown before anything is stored.
/// </summary>
public sealed class TargetException(TargetProblem problem, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public TargetProblem Problem { get; } = problem;
}
