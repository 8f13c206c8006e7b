namespace SnoopRecorder.TestSupport;

/// <summary>
/// A test needs a Docker engine and this machine has none it can use; the message says what is missing and how to
/// fix it (or how to skip the Docker tests).
/// </summary>
public sealed class DockerUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
