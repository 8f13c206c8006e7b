using SnoopRecorder.Capture.Targets;

namespace SnoopRecorder.Api.Problems;

/// <summary>The status and title of each reason a recording target was refused.</summary>
internal static class TargetProblems
{
    public static (int Status, string Title, string Detail) Describe(TargetException e) => e.Problem switch
    {
        TargetProblem.Invalid => (StatusCodes.Status400BadRequest, "Invalid recording target", e.Message),
        TargetProblem.NotFound => (StatusCodes.Status404NotFound, "Recording target not found", e.Message),
        TargetProblem.NotRunning => (StatusCodes.Status409Conflict, "Recording target not running", e.Message),
        TargetProblem.EngineUnavailable => (StatusCodes.Status503ServiceUnavailable, "Docker engine unavailable", e.Message),
        TargetProblem.MissingPrivilege => (StatusCodes.Status403Forbidden, "Missing privilege", e.Message),
        _ => (StatusCodes.Status500InternalServerError, "Recording target refused", e.Message),
    };
}
