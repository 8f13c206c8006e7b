using System.Text.RegularExpressions;
using SnoopRecorder.Capture.Live;

namespace SnoopRecorder.Api.Recording;

/// <summary>Checks a <see cref="StartRecordingRequest"/> up front; every problem is named with what is accepted.</summary>
internal static partial class StartRecordingRequestValidator
{
    public const int MinSnapLength = 64;
    public const int MaxSnapLength = LiveCaptureOptions.DefaultSnapLength;
    public const int MaxFilterLength = 4_096;
    public const int MaxNameLength = 200;

    /// <summary>The errors by field (camelCase, as in the request); empty when the request is valid.</summary>
    /// <param name="request">The request as bound.</param>
    /// <param name="options">The ceilings of <c>maxDurationSeconds</c> and <c>maxBytes</c>.</param>
    public static Dictionary<string, string[]> Validate(StartRecordingRequest request, RecordingOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        var targets = new List<string>();
        if (request.Container is not null)
        {
            targets.Add("container");
            if (string.IsNullOrWhiteSpace(request.Container))
            {
                errors["container"] = ["the container's name or id must not be empty"];
            }
        }

        if (request.Pod is not null)
        {
            targets.Add("pod");
            if (string.IsNullOrWhiteSpace(request.Pod))
            {
                errors["pod"] = ["the pod's name must not be empty"];
            }
        }
        else if (request.Namespace is not null)
        {
            errors["namespace"] = ["'namespace' is the Kubernetes namespace of a 'pod' and needs one"];
        }

        if (request.Pod is not null && request.Namespace is not null && string.IsNullOrWhiteSpace(request.Namespace))
        {
            errors["namespace"] = ["the pod's Kubernetes namespace must not be empty (omit it for 'default')"];
        }

        if (request.Pid is { } pid)
        {
            targets.Add("pid");
            if (pid <= 0)
            {
                errors["pid"] = [$"'{pid}' is not a process id: it must be a positive number"];
            }
        }

        if (request.Netns is not null)
        {
            targets.Add("netns");
            if (NetnsPaths.Resolve(request.Netns) is null)
            {
                errors["netns"] = [$"'{request.Netns}' is not an allowed network namespace: it accepts {NetnsPaths.Accepted}"];
            }
        }

        if (request.Host == true)
        {
            targets.Add("host");
        }

        if (targets.Count != 1)
        {
            errors["target"] = [targets.Count == 0
                ? "name exactly one target: 'container', 'pod' (with 'namespace'), 'pid', 'netns', or 'host': true"
                : $"name exactly one target, not {targets.Count} ({string.Join(", ", targets)})"];
        }

        if (request.Interface is { } interfaceName && !InterfacePattern().IsMatch(interfaceName))
        {
            errors["interface"] = [$"'{interfaceName}' is not an interface name: 1 to 15 letters, digits or '.', '_', '-', ':', '@'; or 'any'"];
        }

        if (request.Filter is { Length: > MaxFilterLength })
        {
            errors["filter"] = [$"the filter is longer than {MaxFilterLength} characters"];
        }

        if (request.SnapLength is { } snap and (< MinSnapLength or > MaxSnapLength))
        {
            errors["snapLength"] = [$"'{snap}' is out of range: it accepts {MinSnapLength} to {MaxSnapLength}"];
        }

        if (request.Name is { Length: > MaxNameLength })
        {
            errors["name"] = [$"the name is longer than {MaxNameLength} characters"];
        }

        Limit(errors, "maxDurationSeconds", request.MaxDurationSeconds, options.MaxDurationSecondsLimit, "seconds (Snoop:Recording:MaxDurationSecondsLimit)");
        Limit(errors, "maxPackets", request.MaxPackets, ceiling: null, ceilingUnit: null);
        Limit(errors, "maxBytes", request.MaxBytes, options.MaxBytesLimit, "bytes (Snoop:Recording:MaxBytesLimit)");
        return errors;
    }

    /// <summary>A limit must be positive and, when it has a ceiling, not above it.</summary>
    private static void Limit(Dictionary<string, string[]> errors, string name, long? value, long? ceiling, string? ceilingUnit)
    {
        if (value is <= 0)
        {
            var omitted = ceiling is null ? "none" : "the service's default";
            errors[name] = [$"'{value}' is not a limit: it must be a positive number (omit it for {omitted})"];
        }
        else if (value > ceiling)
        {
            errors[name] = [$"'{value}' is above the ceiling of {ceiling} {ceilingUnit} this service allows: ask for at most {ceiling}"];
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._:@-]{1,15}$")]
    private static partial Regex InterfacePattern();
}
