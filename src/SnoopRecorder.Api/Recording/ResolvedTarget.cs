using SnoopRecorder.Capture.Namespaces;

namespace SnoopRecorder.Api.Recording;

/// <summary>A target resolved to an open network namespace (null: the service's own) and its description.</summary>
internal sealed record ResolvedTarget(NetworkNamespace? Namespace, SessionTarget Description) : IDisposable
{
    public void Dispose() => Namespace?.Dispose();
}
