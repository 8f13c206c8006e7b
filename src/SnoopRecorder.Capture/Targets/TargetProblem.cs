namespace SnoopRecorder.Capture.Targets;

/// <summary>Why a recording target could not be resolved or entered; the API maps each to one HTTP status.</summary>
public enum TargetProblem
{
    /// <summary>The request itself is wrong (a namespace path outside the allowed places, two targets named): 400.</summary>
    Invalid,

    /// <summary>No such container, pod, process or namespace: 404.</summary>
    NotFound,

    /// <summary>The container or pod exists but is not running: 409.</summary>
    NotRunning,

    /// <summary>The Docker engine could not be reached: 503.</summary>
    EngineUnavailable,

    /// <summary>The service lacks a capability it needs (CAP_NET_RAW, CAP_SYS_ADMIN, CAP_SYS_PTRACE): 403.</summary>
    MissingPrivilege,
}
